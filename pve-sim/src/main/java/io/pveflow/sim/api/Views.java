package io.pveflow.sim.api;

import static io.pveflow.sim.api.Json.bit;
import static io.pveflow.sim.api.Json.obj;
import static io.pveflow.sim.api.Json.round;

import java.util.Map;

import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.GuestType;
import io.pveflow.sim.state.HaResource;
import io.pveflow.sim.state.Metrics;
import io.pveflow.sim.state.Node;
import io.pveflow.sim.state.Storage;
import io.pveflow.sim.state.StoragePool;

/** How guests, nodes and storages look in list and status answers (PVE's field names, 0/1 booleans). */
final class Views {

    private Views() {
    }

    static double guestCpu(Guest g, long now) {
        return g.running() && !g.paused() ? round(Metrics.load(g.vmid(), now) * 0.6, 4) : 0.0;
    }

    static long guestMem(Guest g, long now) {
        return g.running() ? (long) (g.memoryBytes() * (0.25 + 0.5 * Metrics.load(g.vmid() + 7, now))) : 0;
    }

    static long guestDisk(Guest g) {
        // PVE reports 0 for VMs (it cannot see inside without the agent); containers show used root space
        return g.type() == GuestType.LXC ? (long) (rootSize(g) * (0.2 + 0.4 * Metrics.unit(g.vmid(), 1))) : 0;
    }

    static long rootSize(Guest g) {
        for (Guest.Disk d : g.disks()) {
            return d.size();
        }
        return 0;
    }

    /** An entry of {@code GET /nodes/{node}/qemu} or {@code /lxc}. */
    static Map<String, Object> guestListEntry(Guest g, long now) {
        long uptime = g.uptime(now);
        Map<String, Object> e = obj(
                "vmid", g.vmid(),
                "name", g.name(),
                "status", g.running() ? "running" : "stopped",
                "cpus", g.cores(),
                "cpu", guestCpu(g, now),
                "maxmem", g.memoryBytes(),
                "mem", guestMem(g, now),
                "maxdisk", rootSize(g),
                "disk", guestDisk(g),
                "uptime", uptime,
                "netin", uptime * (1000 + g.vmid() % 5000),
                "netout", uptime * (500 + g.vmid() % 3000),
                "diskread", uptime * 2048,
                "diskwrite", uptime * 4096);
        if (g.type() == GuestType.LXC) {
            e.put("type", "lxc");
            e.put("maxswap", 512 * 1024 * 1024L);
        } else if (g.running()) {
            e.put("pid", 10000 + g.vmid());
            e.put("qmpstatus", g.paused() ? "paused" : "running");
        }
        if (g.template()) {
            e.put("template", 1);
        }
        if (g.tags() != null) {
            e.put("tags", g.tags());
        }
        if (g.lock() != null) {
            e.put("lock", g.lock());
        }
        return e;
    }

    /** {@code GET .../status/current}. */
    static Map<String, Object> guestStatus(Guest g, HaResource ha, long now) {
        Map<String, Object> e = guestListEntry(g, now);
        if (g.type() == GuestType.QEMU) {
            e.put("qmpstatus", g.running() ? (g.paused() ? "paused" : "running") : "stopped");
            e.put("agent", bit(g.config().containsKey("agent")));
            if (g.running()) {
                e.put("running-qemu", "9.2.0");
                e.put("running-machine", "pc-i440fx-9.2+pve1");
            }
        }
        if (ha != null) {
            e.put("ha", obj("managed", 1, "state", ha.state()));
        } else {
            e.put("ha", obj("managed", 0));
        }
        return e;
    }

    /** A guest in {@code /cluster/resources}. */
    static Map<String, Object> guestResource(Guest g, boolean nodeOnline, String haState, long now) {
        Map<String, Object> e = obj(
                "id", g.resourceId(),
                "type", g.type().apiName(),
                "vmid", g.vmid(),
                "name", g.name(),
                "node", g.node(),
                "status", nodeOnline ? (g.running() ? "running" : "stopped") : "unknown");
        if (nodeOnline) {
            long uptime = g.uptime(now);
            e.put("cpu", guestCpu(g, now));
            e.put("maxcpu", g.cores());
            e.put("mem", guestMem(g, now));
            e.put("maxmem", g.memoryBytes());
            e.put("disk", guestDisk(g));
            e.put("maxdisk", rootSize(g));
            e.put("uptime", uptime);
            e.put("netin", uptime * (1000 + g.vmid() % 5000));
            e.put("netout", uptime * (500 + g.vmid() % 3000));
            e.put("diskread", uptime * 2048);
            e.put("diskwrite", uptime * 4096);
        }
        e.put("template", bit(g.template()));
        if (g.tags() != null) {
            e.put("tags", g.tags());
        }
        if (g.pool() != null) {
            e.put("pool", g.pool());
        }
        if (g.lock() != null) {
            e.put("lock", g.lock());
        }
        if (haState != null) {
            e.put("hastate", haState);
        }
        return e;
    }

    static double nodeCpu(Node n, long now) {
        return n.online() ? round(0.02 + Metrics.load(n.nodeId() * 1000L, now) * 0.5, 4) : 0;
    }

    static long nodeMem(Node n, long now) {
        return n.online() ? (long) (n.memoryBytes() * (0.3 + 0.3 * Metrics.load(n.nodeId() * 1000L + 1, now))) : 0;
    }

    /** A node in {@code /nodes} and {@code /cluster/resources}. */
    static Map<String, Object> node(Node n, String fingerprint, long now, boolean resource) {
        Map<String, Object> e = obj("id", "node/" + n.name(), "type", "node", "node", n.name(),
                "status", n.online() ? "online" : "offline");
        if (n.online()) {
            e.put("cpu", nodeCpu(n, now));
            e.put("maxcpu", n.cpus());
            e.put("mem", nodeMem(n, now));
            e.put("maxmem", n.memoryBytes());
            e.put("disk", n.rootfsBytes() / 5);
            e.put("maxdisk", n.rootfsBytes());
            e.put("uptime", n.uptime(now));
            e.put("level", "");
        }
        if (resource) {
            e.put("cgroup-mode", 2);
        } else {
            e.put("ssl_fingerprint", fingerprint);
        }
        return e;
    }

    /** A storage in {@code /cluster/resources}. */
    static Map<String, Object> storageResource(Storage s, String node, StoragePool pool) {
        return obj("id", "storage/" + node + "/" + s.id(), "type", "storage", "storage", s.id(), "node", node,
                "status", "available", "content", s.contentText(), "plugintype", s.type(), "shared", bit(s.shared()),
                "disk", pool.used(), "maxdisk", pool.total());
    }
}
