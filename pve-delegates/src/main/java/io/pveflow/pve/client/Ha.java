package io.pveflow.pve.client;

import java.util.List;
import java.util.Optional;

import io.pveflow.pve.client.http.ApiResponse;
import io.pveflow.pve.client.http.PveTransport;
import io.pveflow.pve.client.model.HaMigration;
import io.pveflow.pve.client.model.HaResource;
import io.pveflow.pve.client.model.HaStatusEntry;

/**
 * High availability. Every change is a configuration edit answered at once (no task); the HA manager acts on it
 * a little later, so check the outcome with {@link #status()} or the guest's status.
 */
public final class Ha {

    private final PveTransport t;

    Ha(PveTransport transport) {
        this.t = transport;
    }

    /** HA resources, optionally only {@code vm} or {@code ct}. */
    public List<HaResource> resources(String type) {
        return t.convertList(t.call("GET", "/cluster/ha/resources", Calls.params("type", type)).data(),
                HaResource.class);
    }

    public HaResource resource(String sid) {
        return t.convert(t.call("GET", "/cluster/ha/resources/{sid}", Calls.params("sid", sid)).data(),
                HaResource.class);
    }

    /** Puts a guest under HA ({@code sid}: {@code vm:100}, {@code ct:101} or {@code 100}). */
    public void add(String sid, Options options) {
        t.call("POST", "/cluster/ha/resources", Calls.params(options, "sid", sid));
    }

    public void update(String sid, Options options) {
        t.call("PUT", "/cluster/ha/resources/{sid}", Calls.params(options, "sid", sid));
    }

    /** Removes the resource; {@code purge} (9.x) also removes it from rules (null: server default). */
    public void remove(String sid, Boolean purge) {
        t.call("DELETE", "/cluster/ha/resources/{sid}", Calls.params("sid", sid, "purge", purge));
    }

    /** Asks HA to live-migrate; PVE 9 answers what it will do, PVE 8 nothing. */
    public Optional<HaMigration> migrate(String sid, String node) {
        return move("migrate", sid, node);
    }

    /** Asks HA to relocate (stop, move, start). */
    public Optional<HaMigration> relocate(String sid, String node) {
        return move("relocate", sid, node);
    }

    private Optional<HaMigration> move(String how, String sid, String node) {
        ApiResponse r = t.call("POST", "/cluster/ha/resources/{sid}/" + how, Calls.params("sid", sid, "node", node));
        return r.isNull() ? Optional.empty() : Optional.of(t.convert(r.data(), HaMigration.class));
    }

    public List<HaStatusEntry> status() {
        return t.convertList(t.call("GET", "/cluster/ha/status/current", Calls.params()).data(),
                HaStatusEntry.class);
    }

    public static final class Options extends RequestOptions<Options> {
        public enum State {
            STARTED, STOPPED, ENABLED, DISABLED, IGNORED
        }

        public Options state(State state) {
            return param("state", state.name().toLowerCase());
        }

        public Options comment(String text) {
            return param("comment", text);
        }

        public Options maxRestart(int count) {
            return param("max_restart", count);
        }

        public Options maxRelocate(int count) {
            return param("max_relocate", count);
        }

        /** PVE 9: move back to the preferred node when it returns. */
        public Options failback(boolean value) {
            return param("failback", value);
        }

        public Options digest(String digest) {
            return param("digest", digest);
        }
    }
}
