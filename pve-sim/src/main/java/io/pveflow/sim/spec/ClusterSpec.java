package io.pveflow.sim.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The description of a simulated cluster: what exists when the simulator starts. Read from JSON or YAML
 * ({@link #load(Path)}), built in code, taken from the shipped {@link #demo()} or made by
 * {@link ClusterGenerator}. Every list may be omitted; {@link Timings} has defaults for everything.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSpec(
        String name,
        String version,
        Timings timings,
        List<NodeSpec> nodes,
        List<StorageSpec> storages,
        List<GuestSpec> guests,
        List<HaResourceSpec> ha,
        List<ReplicationSpec> replication,
        List<UserSpec> users,
        List<TokenSpec> tokens,
        FaultsSpec faults) {

    public ClusterSpec {
        name = name == null ? "pve-sim" : name;
        version = version == null ? "9.1.1" : version;
        timings = timings == null ? Timings.defaults() : timings;
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        storages = storages == null ? List.of() : List.copyOf(storages);
        guests = guests == null ? List.of() : List.copyOf(guests);
        ha = ha == null ? List.of() : List.copyOf(ha);
        replication = replication == null ? List.of() : List.copyOf(replication);
        users = users == null ? List.of() : List.copyOf(users);
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        faults = faults == null ? FaultsSpec.none() : faults;
    }

    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

    private static ObjectMapper configure(ObjectMapper mapper) {
        // a typo in a cluster file should fail loudly, not silently create a different cluster
        return mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The shipped demo cluster: 3 nodes, about 20 guests, HA, replication, backups, ISOs. */
    public static ClusterSpec demo() {
        try (InputStream in = ClusterSpec.class.getResourceAsStream("/io/pveflow/sim/demo-cluster.yaml")) {
            if (in == null) {
                throw new IllegalStateException("demo-cluster.yaml missing from the classpath");
            }
            return YAML.readValue(in, ClusterSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a cluster file; {@code .yaml}/{@code .yml} as YAML, anything else as JSON. */
    public static ClusterSpec load(Path file) {
        String lower = file.getFileName().toString().toLowerCase();
        try {
            String text = Files.readString(file);
            return lower.endsWith(".yaml") || lower.endsWith(".yml") ? parseYaml(text) : parseJson(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cluster file " + file, e);
        }
    }

    public static ClusterSpec parseJson(String json) {
        try {
            return JSON.readValue(json, ClusterSpec.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid cluster description: " + e.getMessage(), e);
        }
    }

    public static ClusterSpec parseYaml(String yaml) {
        try {
            return YAML.readValue(yaml, ClusterSpec.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid cluster description: " + e.getMessage(), e);
        }
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ClusterSpec withTimings(Timings newTimings) {
        return new ClusterSpec(name, version, newTimings, nodes, storages, guests, ha, replication, users, tokens,
                faults);
    }

    public ClusterSpec withFaults(FaultsSpec newFaults) {
        return new ClusterSpec(name, version, timings, nodes, storages, guests, ha, replication, users, tokens,
                newFaults);
    }

    public ClusterSpec withToken(TokenSpec token) {
        List<TokenSpec> all = new ArrayList<>(tokens);
        all.removeIf(t -> t.id().equals(token.id()));
        all.add(token);
        return new ClusterSpec(name, version, timings, nodes, storages, guests, ha, replication, users, all, faults);
    }

    public ClusterSpec withUser(UserSpec user) {
        List<UserSpec> all = new ArrayList<>(users);
        all.removeIf(u -> u.userid().equals(user.userid()));
        all.add(user);
        return new ClusterSpec(name, version, timings, nodes, storages, guests, ha, replication, all, tokens, faults);
    }

    public ClusterSpec withGuest(GuestSpec guest) {
        List<GuestSpec> all = new ArrayList<>(guests);
        all.removeIf(g -> g.vmid() == guest.vmid());
        all.add(guest);
        return new ClusterSpec(name, version, timings, nodes, storages, all, ha, replication, users, tokens, faults);
    }
}
