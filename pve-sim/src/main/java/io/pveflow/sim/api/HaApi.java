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

/**
 * HA resources and status. Config changes answer null (no task); migrate/relocate answer the 9.x object;
 * the guest follows {@code haDelayMillis} later through the simulated {@link HaManager}.
 */
final class HaApi {

    private final Simulation sim;
    private final Cluster cluster;

    HaApi(Simulation sim) {
        this.sim = sim;
        this.cluster = sim.cluster;
    }

    void register(Map<String, EndpointHandler> h) {
        h.put("GET /cluster/ha/resources", this::list);
        h.put("POST /cluster/ha/resources", this::create);
        h.put("GET /cluster/ha/resources/{sid}", this::read);
        h.put("PUT /cluster/ha/resources/{sid}", this::update);
        h.put("DELETE /cluster/ha/resources/{sid}", this::delete);
        h.put("POST /cluster/ha/resources/{sid}/migrate", this::migrate);
        h.put("POST /cluster/ha/resources/{sid}/relocate", this::migrate);
        h.put("GET /cluster/ha/status/current", this::status);
    }

    /** {@code 100} means {@code vm:100} (or {@code ct:100} if that guest is a container). */
    private String normalize(String sid, String type) {
        if (sid.contains(":")) {
            return sid;
        }
        if (type != null) {
            return type + ":" + sid;
        }
        Guest g = cluster.guest(Integer.parseInt(sid));
        return (g != null ? g.type().haPrefix() : "vm") + ":" + sid;
    }

    private Map<String, Object> entry(HaResource r) {
        Map<String, Object> e = obj("sid", r.sid(), "type", r.type(), "state", r.state(),
                "max_restart", r.maxRestart(), "max_relocate", r.maxRelocate(), "failback", bit(r.failback()),
                "comment", r.comment(), "digest", r.digest());
        return e;
    }

    private Object list(Call c) {
        String type = c.params().string("type");
        return cluster.read(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (HaResource r : cluster.ha().values()) {
                if (type == null || type.equals(r.type())) {
                    Map<String, Object> e = entry(r);
                    e.remove("digest");
                    out.add(e);
                }
            }
            return out;
        });
    }

    private HaResource require(String sid) {
        HaResource r = cluster.ha().get(sid);
        if (r == null) {
            throw ApiException.fail("no such resource '" + sid + "'");
        }
        return r;
    }

    private Object read(Call c) {
        return cluster.read(() -> entry(require(normalize(c.params().string("sid"), null))));
    }

    private Object create(Call c) {
        String sid = cluster.write(() -> {
            String id = normalize(c.params().string("sid"), c.params().string("type"));
            if (cluster.ha().containsKey(id)) {
                throw ApiException.fail("resource ID '" + id + "' already defined");
            }
            int vmid = Integer.parseInt(id.substring(id.indexOf(':') + 1));
            Guest g = cluster.guest(vmid);
            if (g == null || !g.type().haPrefix().equals(id.substring(0, id.indexOf(':')))) {
                throw ApiException.fail("no such " + (id.startsWith("ct") ? "CT" : "VM") + " '" + vmid + "'");
            }
            HaResource r = new HaResource(id, c.params().string("state", "started"),
                    (int) c.params().longValue("max_restart", 1), (int) c.params().longValue("max_relocate", 1),
                    c.params().bool("failback", true), c.params().string("comment"));
            cluster.ha().put(id, r);
            return id;
        });
        sim.ha.reconcileLater(sid);
        return null;
    }

    private Object update(Call c) {
        String sid = cluster.write(() -> {
            String id = normalize(c.params().string("sid"), null);
            HaResource r = require(id);
            if (c.params().has("digest") && !c.params().string("digest").equals(r.digest())) {
                throw ApiException.fail("detected modified configuration - file changed by other user? Try again.");
            }
            if (c.params().has("delete")) {
                for (String key : c.params().string("delete").split("[,;\\s]+")) {
                    switch (key) {
                        case "comment" -> r.setComment(null);
                        case "max_restart" -> r.setMaxRestart(1);
                        case "max_relocate" -> r.setMaxRelocate(1);
                        case "failback" -> r.setFailback(true);
                        default -> {
                        }
                    }
                }
            }
            if (c.params().has("state")) {
                r.setState(c.params().string("state"));
            }
            if (c.params().has("comment")) {
                r.setComment(c.params().string("comment"));
            }
            if (c.params().has("max_restart")) {
                r.setMaxRestart(c.params().integer("max_restart"));
            }
            if (c.params().has("max_relocate")) {
                r.setMaxRelocate(c.params().integer("max_relocate"));
            }
            if (c.params().has("failback")) {
                r.setFailback(c.params().bool("failback", true));
            }
            return id;
        });
        sim.ha.reconcileLater(sid);
        return null;
    }

    private Object delete(Call c) {
        cluster.write(() -> {
            String id = normalize(c.params().string("sid"), null);
            require(id);
            cluster.ha().remove(id);
        });
        return null;
    }

    private Object migrate(Call c) {
        String target = c.params().string("node");
        String sid = cluster.read(() -> {
            String id = normalize(c.params().string("sid"), null);
            HaResource r = require(id);
            if (cluster.node(target) == null) {
                throw ApiException.fail("no such cluster node '" + target + "'");
            }
            if (!r.managing()) {
                throw ApiException.fail("service '" + id + "' in ignored state - cannot migrate");
            }
            return id;
        });
        sim.ha.migrateLater(sid, target);
        return obj("sid", sid, "requested-node", target, "blocking-resources", List.of(),
                "comigrated-resources", List.of());
    }

    private Object status(Call c) {
        long now = Cluster.now();
        return cluster.read(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            Node master = null;
            for (Node n : cluster.nodes()) {
                if (n.online()) {
                    master = n;
                    break;
                }
            }
            out.add(obj("id", "quorum", "type", "quorum", "node", master == null ? "" : master.name(),
                    "status", "OK", "quorate", 1));
            if (!cluster.ha().isEmpty() && master != null) {
                out.add(obj("id", "master", "type", "master", "node", master.name(),
                        "status", master.name() + " (active, " + java.time.Instant.ofEpochSecond(now) + ")",
                        "timestamp", now));
                for (Node n : cluster.nodes()) {
                    out.add(obj("id", "lrm:" + n.name(), "type", "lrm", "node", n.name(),
                            "status", n.name() + (n.online() ? " (active, " : " (old timestamp - dead?, ")
                                    + java.time.Instant.ofEpochSecond(now) + ")",
                            "timestamp", now));
                }
            }
            for (HaResource r : cluster.ha().values()) {
                Guest g = cluster.guest(r.vmid());
                String state = HaManager.serviceState(r, g);
                String node = g == null ? "" : g.node();
                out.add(obj("id", "service:" + r.sid(), "type", "service", "sid", r.sid(), "node", node,
                        "state", state, "crm_state", state, "request_state", r.state(),
                        "status", r.sid() + " (" + node + ", " + state + ")",
                        "max_restart", r.maxRestart(), "max_relocate", r.maxRelocate(),
                        "failback", bit(r.failback())));
            }
            return out;
        });
    }
}
