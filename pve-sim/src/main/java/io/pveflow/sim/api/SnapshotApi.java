package io.pveflow.sim.api;

import static io.pveflow.sim.api.Json.bit;
import static io.pveflow.sim.api.Json.obj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.GuestType;
import io.pveflow.sim.state.Snapshot;
import io.pveflow.sim.tasks.TaskFailure;
import io.pveflow.sim.tasks.TaskLog;
import io.pveflow.sim.tasks.TaskWork;

/**
 * The snapshot tree: each snapshot has a parent, the guest's {@code parent} marks where "current" hangs.
 * Create, delete and rollback are workers that hold a config lock ({@code snapshot}, {@code snapshot-delete},
 * {@code rollback}) while they run; a description update is synchronous and answers null.
 */
final class SnapshotApi {

    private final Simulation sim;
    private final Cluster cluster;

    SnapshotApi(Simulation sim) {
        this.sim = sim;
        this.cluster = sim.cluster;
    }

    void register(Map<String, EndpointHandler> h) {
        for (GuestType type : GuestType.values()) {
            String base = "/nodes/{node}/" + type.apiName() + "/{vmid}/snapshot";
            h.put("GET " + base, c -> list(c, type));
            h.put("POST " + base, c -> create(c, type));
            h.put("DELETE " + base + "/{snapname}", c -> delete(c, type));
            h.put("POST " + base + "/{snapname}/rollback", c -> rollback(c, type));
            h.put("GET " + base + "/{snapname}/config", c -> config(c, type));
            h.put("PUT " + base + "/{snapname}/config", c -> describe(c, type));
        }
    }

    private Object list(Call c, GuestType type) {
        return cluster.read(() -> {
            Guest g = Guests.require(cluster, type, c.node(), c.vmid());
            List<Map<String, Object>> out = new ArrayList<>();
            for (Snapshot s : g.snapshots().values()) {
                Map<String, Object> e = obj("name", s.name(), "description", s.description(),
                        "snaptime", s.snaptime(), "parent", s.parent());
                if (type == GuestType.QEMU) {
                    e.put("vmstate", bit(s.vmstate()));
                }
                out.add(e);
            }
            Map<String, Object> current = obj("name", "current", "description", "You are here!",
                    "digest", g.digest(), "running", bit(g.running()), "parent", g.parent());
            out.add(current);
            return out;
        });
    }

    private Object create(Call c, GuestType type) {
        String name = c.params().string("snapname");
        String description = c.params().string("description", "");
        boolean vmstate = c.params().bool("vmstate", false);
        int vmid = c.vmid();
        String node = c.node();
        if (name.equals("current")) {
            throw ApiException.fail("unable to use snapshot name 'current' (reserved name)");
        }
        if (name.equals("pending")) {
            throw ApiException.fail("unable to use snapshot name 'pending' (reserved name)");
        }
        cluster.read(() -> Guests.require(cluster, type, node, vmid));
        return sim.tasks.start(node, type.task("snapshot"), Integer.toString(vmid), c.user(), new TaskWork() {
            private boolean locked;

            @Override
            public void begin(TaskLog log) {
                Guest g = Guests.requireInWorker(cluster, type, node, vmid);
                Guests.checkLockInWorker(g);
                if (g.snapshots().containsKey(name)) {
                    throw new TaskFailure("snapshot name '" + name + "' already used");
                }
                g.setLock("snapshot");
                locked = true;
                if (type == GuestType.QEMU && vmstate && g.running()) {
                    log.line("saving VM state and RAM using storage '" + g.disks().get(0).storage() + "'");
                }
                for (Guest.Disk d : g.disks()) {
                    log.line(type == GuestType.QEMU
                            ? "snapshotting 'drive-" + d.key() + "' (" + d.volid() + ")"
                            : "create snapshot of " + d.key() + " (" + d.volid() + ")");
                }
            }

            @Override
            public void finish(TaskLog log) {
                Guest g = Guests.requireInWorker(cluster, type, node, vmid);
                Map<String, String> config = new LinkedHashMap<>(g.config());
                config.remove("lock");
                config.put("snaptime", Long.toString(Cluster.now()));
                if (!description.isEmpty()) {
                    config.put("description", description);
                }
                Snapshot snapshot = new Snapshot(name, description, Cluster.now(),
                        type == GuestType.QEMU && vmstate && g.running(), g.parent(), config);
                g.snapshots().put(name, snapshot);
                g.setParent(name);
                g.setLock(null);
                locked = false;
            }

            @Override
            public void abort() {
                unlock(vmid, "snapshot", locked);
                locked = false;
            }
        }).upidText();
    }

    private Object delete(Call c, GuestType type) {
        String name = c.params().string("snapname");
        boolean force = c.params().bool("force", false);
        int vmid = c.vmid();
        String node = c.node();
        cluster.read(() -> Guests.require(cluster, type, node, vmid));
        return sim.tasks.start(node, type.task("delsnapshot"), Integer.toString(vmid), c.user(), new TaskWork() {
            private boolean locked;

            @Override
            public void begin(TaskLog log) {
                Guest g = Guests.requireInWorker(cluster, type, node, vmid);
                if (!g.snapshots().containsKey(name)) {
                    throw new TaskFailure("snapshot '" + name + "' does not exist");
                }
                if (!force) {
                    Guests.checkLockInWorker(g);
                }
                g.setLock("snapshot-delete");
                locked = true;
            }

            @Override
            public void finish(TaskLog log) {
                Guest g = Guests.requireInWorker(cluster, type, node, vmid);
                Snapshot removed = g.snapshots().remove(name);
                if (removed != null) {
                    for (Snapshot s : g.snapshots().values()) {
                        if (name.equals(s.parent())) {
                            s.setParent(removed.parent());
                        }
                    }
                    if (name.equals(g.parent())) {
                        g.setParent(removed.parent());
                    }
                }
                g.setLock(null);
                locked = false;
            }

            @Override
            public void abort() {
                unlock(vmid, "snapshot-delete", locked);
                locked = false;
            }
        }).upidText();
    }

    private Object rollback(Call c, GuestType type) {
        String name = c.params().string("snapname");
        boolean start = c.params().bool("start", false);
        int vmid = c.vmid();
        String node = c.node();
        cluster.read(() -> Guests.require(cluster, type, node, vmid));
        return sim.tasks.start(node, type.task("rollback"), Integer.toString(vmid), c.user(), new TaskWork() {
            private boolean locked;

            @Override
            public void begin(TaskLog log) {
                Guest g = Guests.requireInWorker(cluster, type, node, vmid);
                if (!g.snapshots().containsKey(name)) {
                    throw new TaskFailure("snapshot '" + name + "' does not exist");
                }
                Guests.checkLockInWorker(g);
                g.setLock("rollback");
                locked = true;
                if (g.running()) {
                    log.line(type == GuestType.QEMU ? "stopping VM " + vmid : "stopping CT " + vmid);
                }
            }

            @Override
            public void finish(TaskLog log) {
                Guest g = Guests.requireInWorker(cluster, type, node, vmid);
                Snapshot snapshot = g.snapshots().get(name);
                if (snapshot == null) {
                    throw new TaskFailure("snapshot '" + name + "' does not exist");
                }
                Map<String, String> restored = new LinkedHashMap<>(snapshot.config());
                restored.remove("snaptime");
                restored.remove("parent");
                restored.remove("lock");
                g.config().clear();
                g.config().putAll(restored);
                g.setParent(name);
                locked = false;
                if (snapshot.vmstate()) {
                    g.start(Cluster.now());
                    log.line("restoring VM state");
                } else {
                    g.stop();
                    if (start) {
                        log.line("starting " + Guests.label(g));
                        g.start(Cluster.now());
                    }
                }
            }

            @Override
            public void abort() {
                unlock(vmid, "rollback", locked);
                locked = false;
            }
        }).upidText();
    }

    private void unlock(int vmid, String lock, boolean locked) {
        if (!locked) {
            return;
        }
        Guest g = cluster.guest(vmid);
        if (g != null && lock.equals(g.lock())) {
            g.setLock(null);
        }
    }

    private Object config(Call c, GuestType type) {
        return cluster.read(() -> {
            Guest g = Guests.require(cluster, type, c.node(), c.vmid());
            Snapshot s = g.snapshots().get(c.params().string("snapname"));
            if (s == null) {
                throw ApiException.fail("snapshot '" + c.params().string("snapname") + "' does not exist");
            }
            Map<String, Object> out = new LinkedHashMap<>(s.config());
            out.put("digest", g.digest());
            return out;
        });
    }

    private Object describe(Call c, GuestType type) {
        cluster.write(() -> {
            Guest g = Guests.require(cluster, type, c.node(), c.vmid());
            Snapshot s = g.snapshots().get(c.params().string("snapname"));
            if (s == null) {
                throw ApiException.fail("snapshot '" + c.params().string("snapname") + "' does not exist");
            }
            if (c.params().has("description")) {
                s.setDescription(c.params().string("description"));
                s.config().put("description", c.params().string("description"));
            }
        });
        return null;
    }
}
