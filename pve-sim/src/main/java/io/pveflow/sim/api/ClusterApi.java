package io.pveflow.sim.api;

import static io.pveflow.sim.api.Json.bit;
import static io.pveflow.sim.api.Json.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.HaResource;
import io.pveflow.sim.state.Node;
import io.pveflow.sim.state.Storage;
import io.pveflow.sim.state.StoragePool;
import io.pveflow.sim.validation.ParameterException;

/** Cluster-wide reads ({@code /version}, {@code /cluster/status|resources|nextid}) and the login. */
final class ClusterApi {

    private final Simulation sim;
    private final Cluster cluster;

    ClusterApi(Simulation sim) {
        this.sim = sim;
        this.cluster = sim.cluster;
    }

    void register(Map<String, EndpointHandler> h) {
        h.put("GET /version", this::version);
        h.put("GET /cluster/status", this::status);
        h.put("GET /cluster/resources", this::resources);
        h.put("GET /cluster/nextid", this::nextid);
        h.put("POST /access/ticket", this::login);
        h.put("GET /access/permissions", this::permissions);
    }

    /** Each caller may read its own permissions; another user's need Sys.Audit on /access. */
    private Object permissions(Call c) {
        String userid = c.params().string("userid");
        if (userid != null && !userid.equals(c.principal().id()) && !userid.equals(c.principal().userid())
                && !sim.access().has(c.principal(), "/access", "Sys.Audit")) {
            throw new ApiException(403, "Permission check failed (/access, Sys.Audit)");
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        sim.access().permissions(c.principal(), c.params().string("path"))
                .forEach((path, privileges) -> {
                    Map<String, Object> flags = new java.util.LinkedHashMap<>();
                    privileges.forEach(priv -> flags.put(priv, 1));
                    out.put(path, flags);
                });
        return out;
    }

    private Object version(Call c) {
        String version = cluster.version();
        String[] parts = version.split("\\.");
        String release = parts.length >= 2 ? parts[0] + "." + parts[1] : version;
        return obj("version", version, "release", release, "repoid", NodeApi.repoid(version), "console", "html5");
    }

    private Object status(Call c) {
        return cluster.read(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            out.add(obj("type", "cluster", "id", "cluster", "name", cluster.name(), "nodes", cluster.nodes().size(),
                    "quorate", 1, "version", cluster.nodes().size() + 1));
            for (Node n : cluster.nodes()) {
                out.add(obj("type", "node", "id", "node/" + n.name(), "name", n.name(), "ip", n.ip(),
                        "nodeid", n.nodeId(), "online", bit(n.online()), "local", bit(n.name().equals(sim.localNode())),
                        "level", ""));
            }
            return out;
        });
    }

    private Object resources(Call c) {
        String type = c.params().string("type");
        long now = Cluster.now();
        GuestApi guests = new GuestApi(sim);
        StorageApi storages = new StorageApi(sim);
        return cluster.read(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            if (type == null || type.equals("vm")) {
                for (Guest g : cluster.guests()) {
                    if (!guests.canAudit(c.principal(), g)) {
                        continue;
                    }
                    Node n = cluster.node(g.node());
                    HaResource ha = cluster.ha().get(g.haSid());
                    out.add(Views.guestResource(g, n.online(), ha == null ? null : HaManager.serviceState(ha, g), now));
                }
            }
            if (type == null || type.equals("node")) {
                for (Node n : cluster.nodes()) {
                    out.add(Views.node(n, null, now, true));
                }
            }
            if (type == null || type.equals("storage")) {
                for (Node n : cluster.nodes()) {
                    for (Storage s : cluster.storages()) {
                        StoragePool pool = s.pool(n.name());
                        if (pool != null && storages.canSee(c.principal(), s.id())) {
                            Map<String, Object> e = Views.storageResource(s, n.name(), pool);
                            if (!n.online()) {
                                e.put("status", "unknown");
                            }
                            out.add(e);
                        }
                    }
                }
            }
            if (type == null || type.equals("sdn")) {
                for (Node n : cluster.nodes()) {
                    out.add(obj("id", "sdn/" + n.name() + "/localnetwork", "type", "sdn", "sdn", "localnetwork",
                            "node", n.name(), "status", n.online() ? "ok" : "unknown"));
                }
            }
            if (type == null) {
                for (String pool : cluster.pools()) {
                    out.add(obj("id", "/pool/" + pool, "type", "pool", "pool", pool));
                }
            }
            return out;
        });
    }

    /** PVE renders the id as a JSON string; clients must accept that. */
    private Object nextid(Call c) {
        Integer wanted = c.params().optionalInt("vmid");
        return cluster.read(() -> {
            if (wanted != null) {
                if (cluster.guest(wanted) != null) {
                    throw ParameterException.of("vmid", "VM " + wanted + " already exists");
                }
                return Integer.toString(wanted);
            }
            return Integer.toString(cluster.nextFreeId(100));
        });
    }

    private Object login(Call c) {
        return sim.access.login(c.params().string("username"), c.params().string("password"),
                c.params().string("realm"));
    }
}
