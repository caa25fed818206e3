package io.pveflow.sim.api;

import static io.pveflow.sim.api.Json.bit;
import static io.pveflow.sim.api.Json.obj;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pveflow.sim.auth.AuthException;
import io.pveflow.sim.auth.Principal;
import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.ReplicationJob;

/**
 * Storage replication jobs. Config changes answer null; {@code schedule_now} answers a plain string (the
 * job id), not a UPID, and the run shows up in the job's status ({@code last_sync}, {@code fail_count}).
 */
final class ReplicationApi {

    private final Simulation sim;
    private final Cluster cluster;

    ReplicationApi(Simulation sim) {
        this.sim = sim;
        this.cluster = sim.cluster;
    }

    void register(Map<String, EndpointHandler> h) {
        h.put("GET /cluster/replication", this::list);
        h.put("POST /cluster/replication", this::create);
        h.put("GET /cluster/replication/{id}", this::read);
        h.put("PUT /cluster/replication/{id}", this::update);
        h.put("DELETE /cluster/replication/{id}", this::delete);
        h.put("GET /nodes/{node}/replication", this::nodeStatus);
        h.put("GET /nodes/{node}/replication/{id}/status", this::jobStatus);
        h.put("GET /nodes/{node}/replication/{id}/log", this::log);
        h.put("POST /nodes/{node}/replication/{id}/schedule_now", this::scheduleNow);
    }

    private boolean can(Principal p, int guest, String privilege) {
        if (sim.access.superuser(p)) {
            return true;
        }
        Guest g = cluster.guest(guest);
        return sim.access.guestPrivileges(p, guest, g == null ? null : g.pool()).contains(privilege);
    }

    private void check(Principal p, int guest, String privilege) {
        if (!can(p, guest, privilege)) {
            throw AuthException.forbidden("/vms/" + guest, privilege);
        }
    }

    private Map<String, Object> config(ReplicationJob j) {
        Guest g = cluster.guest(j.guest());
        return obj("id", j.id(), "type", "local", "guest", j.guest(), "jobnum", j.jobnum(), "target", j.target(),
                "schedule", j.schedule(), "rate", j.rate(), "comment", j.comment(),
                "disable", j.disable() ? 1 : null, "remove_job", j.removeJob(),
                "source", j.source() != null ? j.source() : (g == null ? null : g.node()));
    }

    private Object list(Call c) {
        return cluster.read(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ReplicationJob j : cluster.replication().values()) {
                if (can(c.principal(), j.guest(), "VM.Audit")) {
                    out.add(config(j));
                }
            }
            return out;
        });
    }

    private ReplicationJob require(String id) {
        ReplicationJob j = cluster.replication().get(id);
        if (j == null) {
            throw ApiException.fail("replication job '" + id + "' does not exist");
        }
        return j;
    }

    private Object read(Call c) {
        return cluster.read(() -> {
            ReplicationJob j = require(c.params().string("id"));
            check(c.principal(), j.guest(), "VM.Audit");
            Map<String, Object> e = config(j);
            e.put("digest", Integer.toHexString(j.id().hashCode() * 31 + j.schedule().hashCode()));
            return e;
        });
    }

    private Object create(Call c) {
        cluster.write(() -> {
            String id = c.params().string("id");
            String target = c.params().string("target");
            ReplicationJob job = new ReplicationJob(id, target, c.params().string("schedule"));
            check(c.principal(), job.guest(), "VM.Replicate");
            if (cluster.replication().containsKey(id)) {
                throw ApiException.fail("replication job '" + id + "' already defined");
            }
            Guest g = cluster.guest(job.guest());
            if (g == null) {
                throw ApiException.fail("guest '" + job.guest() + "' does not exist");
            }
            if (cluster.node(target) == null) {
                throw ApiException.fail("no such cluster node '" + target + "'");
            }
            if (g.node().equals(target)) {
                throw ApiException.fail("unable to replicate to the same node ('" + target + "')");
            }
            job.setRate(c.params().number("rate"));
            job.setComment(c.params().string("comment"));
            job.setDisable(c.params().bool("disable", false));
            job.setRemoveJob(c.params().string("remove_job"));
            job.setSource(c.params().string("source"));
            job.setNextSync(Cluster.now() + 60);
            cluster.replication().put(id, job);
        });
        return null;
    }

    private Object update(Call c) {
        cluster.write(() -> {
            ReplicationJob j = require(c.params().string("id"));
            check(c.principal(), j.guest(), "VM.Replicate");
            if (c.params().has("delete")) {
                for (String key : c.params().string("delete").split("[,;\\s]+")) {
                    switch (key) {
                        case "rate" -> j.setRate(null);
                        case "comment" -> j.setComment(null);
                        case "schedule" -> j.setSchedule(null);
                        case "disable" -> j.setDisable(false);
                        default -> {
                        }
                    }
                }
            }
            if (c.params().has("schedule")) {
                j.setSchedule(c.params().string("schedule"));
            }
            if (c.params().has("rate")) {
                j.setRate(c.params().number("rate"));
            }
            if (c.params().has("comment")) {
                j.setComment(c.params().string("comment"));
            }
            if (c.params().has("disable")) {
                j.setDisable(c.params().bool("disable", false));
            }
            if (c.params().has("remove_job")) {
                j.setRemoveJob(c.params().string("remove_job"));
            }
        });
        return null;
    }

    private Object delete(Call c) {
        cluster.write(() -> {
            ReplicationJob j = require(c.params().string("id"));
            check(c.principal(), j.guest(), "VM.Replicate");
            cluster.replication().remove(j.id());
        });
        return null;
    }

    private Map<String, Object> status(ReplicationJob j, Guest g) {
        Map<String, Object> e = config(j);
        e.put("vmtype", g == null ? "qemu" : g.type().apiName());
        e.put("last_sync", j.lastSync());
        e.put("last_try", j.lastTry());
        e.put("next_sync", j.nextSync());
        e.put("duration", j.duration());
        e.put("fail_count", j.failCount());
        if (j.error() != null) {
            e.put("error", j.error());
        }
        if (j.running()) {
            e.put("pid", 4242);
            e.put("state", "syncing");
        } else {
            e.put("state", j.error() != null ? "error" : "ok");
        }
        if (j.disable()) {
            e.put("disable", bit(true));
        }
        return e;
    }

    private Object nodeStatus(Call c) {
        Integer guest = c.params().optionalInt("guest");
        return cluster.read(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ReplicationJob j : cluster.replication().values()) {
                Guest g = cluster.guest(j.guest());
                if (g == null || !g.node().equals(c.node()) || (guest != null && guest != j.guest())) {
                    continue;
                }
                if (can(c.principal(), j.guest(), "VM.Audit")) {
                    out.add(status(j, g));
                }
            }
            return out;
        });
    }

    private Object jobStatus(Call c) {
        return cluster.read(() -> {
            ReplicationJob j = require(c.params().string("id"));
            check(c.principal(), j.guest(), "VM.Audit");
            Guest g = cluster.guest(j.guest());
            if (g == null || !g.node().equals(c.node())) {
                throw ApiException.fail("replication job '" + j.id() + "' is not local to node '" + c.node() + "'");
            }
            return status(j, g);
        });
    }

    private Object log(Call c) {
        return cluster.read(() -> {
            ReplicationJob j = require(c.params().string("id"));
            check(c.principal(), j.guest(), "VM.Audit");
            String at = Instant.ofEpochSecond(j.lastTry()).toString().replace('T', ' ').replace("Z", "");
            List<String> lines = new ArrayList<>(List.of(
                    at + " " + j.id() + ": start replication job",
                    at + " " + j.id() + ": guest => " + j.guest() + ", running => 1",
                    at + " " + j.id() + ": volumes => local-zfs:vm-" + j.guest() + "-disk-0",
                    at + " " + j.id() + ": create snapshot '__replicate_" + j.id() + "_" + j.lastTry() + "__'"));
            lines.add(at + " " + j.id() + (j.error() == null ? ": end replication job" : ": end replication job "
                    + "with error: " + j.error()));
            long start = c.params().longValue("start", 0);
            long limit = c.params().longValue("limit", 50);
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = (int) start; i < lines.size() && out.size() < limit; i++) {
                out.add(obj("n", i + 1, "t", lines.get(i)));
            }
            return new Reply(out, lines.size());
        });
    }

    private Object scheduleNow(Call c) {
        String id = cluster.write(() -> {
            ReplicationJob j = require(c.params().string("id"));
            check(c.principal(), j.guest(), "VM.Replicate");
            j.setNextSync(Cluster.now());
            j.setRunning(true);
            return j.id();
        });
        Duration duration = sim.timings.taskDuration("replication");
        sim.tasks.later(duration, () -> cluster.write(() -> {
            ReplicationJob j = cluster.replication().get(id);
            if (j == null) {
                return;
            }
            long now = Cluster.now();
            String fault = sim.faults.taskFault("replication", Integer.toString(j.guest()));
            if (fault != null && !fault.equals(io.pveflow.sim.tasks.TaskFaults.HANG)) {
                j.failed(now, fault, now + 300);
            } else if (fault == null) {
                j.succeeded(now, duration.toMillis() / 1000.0, now + j.intervalSeconds());
            }
        }));
        return id;
    }
}
