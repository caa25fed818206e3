package io.pveflow.pve.client;

import java.util.List;

import io.pveflow.pve.client.http.ApiResponse;
import io.pveflow.pve.client.http.PveTransport;
import io.pveflow.pve.client.model.LogLine;
import io.pveflow.pve.client.model.LogPage;
import io.pveflow.pve.client.model.ReplicationJob;
import io.pveflow.pve.client.model.ReplicationState;

/** Storage replication jobs ({@code id} {@code GUEST-JOBNUM}): configuration, state per node, run now. */
public final class Replication {

    private final PveTransport t;

    Replication(PveTransport transport) {
        this.t = transport;
    }

    public List<ReplicationJob> jobs() {
        return t.convertList(t.call("GET", "/cluster/replication", Calls.params()).data(), ReplicationJob.class);
    }

    public ReplicationJob job(String id) {
        return t.convert(t.call("GET", "/cluster/replication/{id}", Calls.params("id", id)).data(),
                ReplicationJob.class);
    }

    /** Creates a local replication job to {@code target}. */
    public void create(String id, String target, Options options) {
        t.call("POST", "/cluster/replication", Calls.params(options, "id", id, "target", target, "type", "local"));
    }

    public void update(String id, Options options) {
        t.call("PUT", "/cluster/replication/{id}", Calls.params(options, "id", id));
    }

    /** Marks the job for removal (the replicated volumes go with it unless {@code keep}). */
    public void delete(String id, boolean force, boolean keep) {
        t.call("DELETE", "/cluster/replication/{id}",
                Calls.params("id", id, "force", force ? true : null, "keep", keep ? true : null));
    }

    /** The state of the jobs whose source is {@code node}, optionally of one guest. */
    public List<ReplicationState> states(String node, Integer guest) {
        return t.convertList(t.call("GET", "/nodes/{node}/replication", Calls.params("node", node, "guest", guest))
                .data(), ReplicationState.class);
    }

    public ReplicationState state(String node, String id) {
        return t.convert(t.call("GET", "/nodes/{node}/replication/{id}/status", Calls.params("node", node, "id", id))
                .data(), ReplicationState.class);
    }

    public LogPage log(String node, String id, int start, int limit) {
        ApiResponse r = t.call("GET", "/nodes/{node}/replication/{id}/log",
                Calls.params("node", node, "id", id, "start", start, "limit", limit));
        List<LogLine> lines = t.convertList(r.data(), LogLine.class);
        return new LogPage(lines, r.total() == null ? lines.size() : r.total());
    }

    /** Runs the job as soon as possible. Proxmox answers a string that is not a task id. */
    public String scheduleNow(String node, String id) {
        ApiResponse r = t.call("POST", "/nodes/{node}/replication/{id}/schedule_now",
                Calls.params("node", node, "id", id));
        return r.isNull() ? null : r.data().asText();
    }

    public static final class Options extends RequestOptions<Options> {
        /** A calendar event such as <code>*&#47;15</code> (every 15 minutes). */
        public Options schedule(String schedule) {
            return param("schedule", schedule);
        }

        /** MB/s. */
        public Options rate(double megabytesPerSecond) {
            return param("rate", megabytesPerSecond);
        }

        public Options comment(String text) {
            return param("comment", text);
        }

        public Options disable(boolean value) {
            return param("disable", value);
        }
    }
}
