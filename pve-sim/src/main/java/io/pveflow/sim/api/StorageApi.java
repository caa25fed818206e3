package io.pveflow.sim.api;

import static io.pveflow.sim.api.Json.bit;
import static io.pveflow.sim.api.Json.obj;
import static io.pveflow.sim.api.Json.round;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pveflow.sim.auth.Principal;
import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.state.Storage;
import io.pveflow.sim.state.StoragePool;
import io.pveflow.sim.state.Volume;

/** Storage configuration, per-node status, content and RRD. */
final class StorageApi {

    private final Simulation sim;
    private final Cluster cluster;

    StorageApi(Simulation sim) {
        this.sim = sim;
        this.cluster = sim.cluster;
    }

    void register(Map<String, EndpointHandler> h) {
        h.put("GET /storage", this::config);
        h.put("GET /nodes/{node}/storage", this::nodeList);
        h.put("GET /nodes/{node}/storage/{storage}/status", this::status);
        h.put("GET /nodes/{node}/storage/{storage}/content", this::content);
        h.put("GET /nodes/{node}/storage/{storage}/rrddata", this::rrd);
    }

    boolean canSee(Principal p, String storage) {
        if (sim.access.superuser(p)) {
            return true;
        }
        Set<String> privileges = sim.access.privileges(p, "/storage/" + storage);
        return privileges.contains("Datastore.Audit") || privileges.contains("Datastore.AllocateSpace");
    }

    private Object config(Call c) {
        String type = c.params().string("type");
        return cluster.read(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Storage s : cluster.storages()) {
                if ((type == null || type.equals(s.type())) && canSee(c.principal(), s.id())) {
                    Map<String, Object> e = obj("storage", s.id(), "type", s.type(), "content", s.contentText(),
                            "digest", Integer.toHexString(s.id().hashCode()));
                    if (s.shared()) {
                        e.put("shared", 1);
                    }
                    if (!s.nodes().isEmpty()) {
                        e.put("nodes", String.join(",", s.nodes()));
                    }
                    if (s.path() != null) {
                        e.put("path", s.path());
                    }
                    if (s.type().equals("lvmthin")) {
                        e.put("thinpool", "data");
                        e.put("vgname", "pve");
                    }
                    out.add(e);
                }
            }
            return out;
        });
    }

    private Storage require(String id, String node) {
        Storage s = cluster.storage(id);
        if (s == null) {
            throw ApiException.fail("storage '" + id + "' does not exist");
        }
        if (s.pool(node) == null) {
            throw ApiException.fail("storage '" + id + "' is not available on node '" + node + "'");
        }
        return s;
    }

    private Map<String, Object> statusOf(Storage s, StoragePool pool) {
        long used = pool.used();
        return obj("storage", s.id(), "type", s.type(), "content", s.contentText(), "active", 1, "enabled", 1,
                "shared", bit(s.shared()), "total", pool.total(), "used", used, "avail", pool.avail(),
                "used_fraction", pool.total() == 0 ? 0.0 : round(used / (double) pool.total(), 6));
    }

    private Object nodeList(Call c) {
        String node = c.node();
        Set<String> content = c.params().has("content")
                ? new HashSet<>(Arrays.asList(c.params().string("content").split("[,;\\s]+"))) : null;
        String only = c.params().string("storage");
        boolean withFormats = c.params().bool("format", false);
        return cluster.read(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Storage s : cluster.storages()) {
                StoragePool pool = s.pool(node);
                if (pool == null || (only != null && !only.equals(s.id())) || !canSee(c.principal(), s.id())) {
                    continue;
                }
                if (content != null && s.content().stream().noneMatch(content::contains)) {
                    continue;
                }
                Map<String, Object> e = statusOf(s, pool);
                if (withFormats) {
                    e.put("formats", obj("default", s.thin() ? "raw" : "qcow2",
                            "supported", s.thin() ? List.of("raw") : List.of("raw", "qcow2", "vmdk")));
                }
                out.add(e);
            }
            return out;
        });
    }

    private Object status(Call c) {
        return cluster.read(() -> {
            Storage s = require(c.params().string("storage"), c.node());
            Map<String, Object> e = statusOf(s, s.pool(c.node()));
            e.remove("storage");
            e.remove("used_fraction");
            return e;
        });
    }

    private Object content(Call c) {
        String contentFilter = c.params().string("content");
        Integer vmid = c.params().optionalInt("vmid");
        return cluster.read(() -> {
            Storage s = require(c.params().string("storage"), c.node());
            List<Map<String, Object>> out = new ArrayList<>();
            for (Volume v : s.pool(c.node()).volumes()) {
                if ((contentFilter != null && !contentFilter.equals(v.content()))
                        || (vmid != null && !vmid.equals(v.vmid()))) {
                    continue;
                }
                Map<String, Object> e = obj("volid", v.volid(), "content", v.content(), "format", v.format(),
                        "size", v.size(), "ctime", v.ctime(), "vmid", v.vmid(), "notes", v.notes());
                if (v.content().equals("images") || v.content().equals("rootdir")) {
                    e.put("used", v.used());
                }
                if (v.isProtected()) {
                    e.put("protected", 1);
                }
                out.add(e);
            }
            return out;
        });
    }

    private Object rrd(Call c) {
        return cluster.read(() -> {
            Storage s = require(c.params().string("storage"), c.node());
            return Rrd.storage(s.pool(c.node()), c.params().string("timeframe"));
        });
    }
}
