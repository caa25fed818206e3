package io.pveflow.sim.api;

import static io.pveflow.sim.api.Json.bit;
import static io.pveflow.sim.api.Json.obj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pveflow.sim.api.GuestWorkers.Power;
import io.pveflow.sim.auth.Principal;
import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.GuestType;
import io.pveflow.sim.state.HaResource;
import io.pveflow.sim.state.Node;
import io.pveflow.sim.state.Sizes;
import io.pveflow.sim.state.Storage;
import io.pveflow.sim.state.StoragePool;
import io.pveflow.sim.state.Volume;
import io.pveflow.sim.tasks.Task;
import io.pveflow.sim.tasks.TaskFailure;
import io.pveflow.sim.tasks.TaskLog;
import io.pveflow.sim.tasks.TaskWork;

/** Guests: lists, config, status, power actions, migration, clone, template, disk resize. */
final class GuestApi {

    private final Simulation sim;
    private final Cluster cluster;

    GuestApi(Simulation sim) {
        this.sim = sim;
        this.cluster = sim.cluster;
    }

    void register(Map<String, EndpointHandler> h) {
        h.put("GET /nodes/{node}/qemu", c -> list(c, GuestType.QEMU));
        h.put("GET /nodes/{node}/lxc", c -> list(c, GuestType.LXC));
        for (GuestType type : GuestType.values()) {
            String base = "/nodes/{node}/" + type.apiName() + "/{vmid}";
            h.put("GET " + base + "/config", c -> config(c, type));
            h.put("GET " + base + "/status/current", c -> status(c, type));
            h.put("GET " + base + "/rrddata", c -> rrd(c, type));
            h.put("GET " + base + "/migrate", c -> migratePrecondition(c, type));
            h.put("POST " + base + "/migrate", c -> migrate(c, type));
            h.put("POST " + base + "/clone", c -> clone(c, type));
            h.put("POST " + base + "/template", c -> template(c, type));
            h.put("PUT " + base + "/resize", c -> resize(c, type));
            h.put("POST " + base + "/status/start", c -> power(c, type, Power.START));
            h.put("POST " + base + "/status/stop", c -> power(c, type, Power.STOP));
            h.put("POST " + base + "/status/shutdown", c -> power(c, type, Power.SHUTDOWN));
            h.put("POST " + base + "/status/reboot", c -> power(c, type, Power.REBOOT));
            h.put("POST " + base + "/status/suspend", c -> power(c, type,
                    c.params().bool("todisk", false) ? Power.SUSPEND_TO_DISK : Power.PAUSE));
            h.put("POST " + base + "/status/resume", c -> power(c, type, Power.RESUME));
        }
        h.put("POST /nodes/{node}/qemu/{vmid}/status/reset", c -> power(c, GuestType.QEMU, Power.RESET));
    }

    boolean canAudit(Principal p, Guest g) {
        return sim.access.superuser(p) || sim.access.guestPrivileges(p, g.vmid(), g.pool()).contains("VM.Audit");
    }

    private Object list(Call c, GuestType type) {
        long now = Cluster.now();
        return cluster.read(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Guest g : cluster.guests()) {
                if (g.type() == type && g.node().equals(c.node()) && canAudit(c.principal(), g)) {
                    out.add(Views.guestListEntry(g, now));
                }
            }
            return out;
        });
    }

    private Object config(Call c, GuestType type) {
        return cluster.read(() -> {
            Guest g = Guests.require(cluster, type, c.node(), c.vmid());
            String snapname = c.params().string("snapshot");
            Map<String, Object> out = new LinkedHashMap<>();
            Map<String, String> config;
            if (snapname != null) {
                var snap = g.snapshots().get(snapname);
                if (snap == null) {
                    throw ApiException.fail("snapshot '" + snapname + "' does not exist");
                }
                config = snap.config();
            } else {
                config = g.currentConfig();
            }
            config.forEach((k, v) -> out.put(k, numericKey(k) ? toNumber(v) : v));
            out.put("digest", g.digest());
            return out;
        });
    }

    private static boolean numericKey(String key) {
        return switch (key) {
            case "cores", "memory", "sockets", "swap", "onboot", "template", "numa", "unprivileged", "cpuunits",
                    "balloon", "agent" -> true;
            default -> false;
        };
    }

    private static Object toNumber(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private Object status(Call c, GuestType type) {
        long now = Cluster.now();
        return cluster.read(() -> {
            Guest g = Guests.require(cluster, type, c.node(), c.vmid());
            return Views.guestStatus(g, cluster.haFor(g), now);
        });
    }

    private Object rrd(Call c, GuestType type) {
        Guest g = cluster.read(() -> Guests.require(cluster, type, c.node(), c.vmid()));
        return Rrd.guest(g, c.params().string("timeframe"), c.params().string("cf", "AVERAGE"));
    }

    // --- power ---------------------------------------------------------------------------------------------

    private Object power(Call c, GuestType type, Power action) {
        boolean skiplock = c.params().bool("skiplock", false);
        if (skiplock && !c.principal().userid().equals("root@pam")) {
            throw AuthExceptions.rootOnly("skiplock");
        }
        // checks PVE makes before forking the worker answer as HTTP 500
        Object[] ha = cluster.read(() -> {
            Guest g = Guests.require(cluster, type, c.node(), c.vmid());
            HaResource resource = cluster.haFor(g);
            boolean haAction = resource != null
                    && (action == Power.START || action == Power.STOP || action == Power.SHUTDOWN);
            if (haAction) {
                return new Object[] {g, action == Power.START ? "started" : "stopped"};
            }
            preWorkerChecks(g, action, c.params().bool("forceStop", false));
            return null;
        });
        if (ha != null) {
            Guest g = (Guest) ha[0];
            String state = (String) ha[1];
            Task task = sim.ha.request(g, state.equals("started") ? "hastart" : "hastop", state, c.user());
            return task.upidText();
        }
        return sim.workers.power(type, c.node(), c.vmid(), action, skiplock, c.user()).upidText();
    }

    private static void preWorkerChecks(Guest g, Power action, boolean forceStop) {
        String label = Guests.label(g);
        if (g.type() == GuestType.QEMU) {
            switch (action) {
                case RESET, REBOOT, PAUSE, SUSPEND_TO_DISK, RESUME -> {
                    if (!g.running()) {
                        throw ApiException.fail(label + " not running");
                    }
                }
                case SHUTDOWN -> {
                    if (g.running() && g.paused() && !forceStop) {
                        throw ApiException.fail("VM is paused - cannot shutdown");
                    }
                }
                default -> {
                    // start of a running VM and a locked guest fail inside the worker
                }
            }
        } else {
            switch (action) {
                case START -> {
                    if (g.running()) {
                        throw ApiException.fail(label + " already running");
                    }
                }
                case STOP, SHUTDOWN, PAUSE, RESUME, REBOOT -> {
                    if (!g.running()) {
                        throw ApiException.fail(label + " not running");
                    }
                }
                default -> {
                }
            }
        }
    }

    // --- migration -----------------------------------------------------------------------------------------

    private Object migratePrecondition(Call c, GuestType type) {
        return cluster.read(() -> {
            Guest g = Guests.require(cluster, type, c.node(), c.vmid());
            List<String> allowed = sim.workers.allowedNodes(g);
            Map<String, Object> notAllowed = new LinkedHashMap<>();
            for (Node n : cluster.nodes()) {
                if (!n.name().equals(g.node()) && !allowed.contains(n.name())) {
                    List<String> missing = new ArrayList<>();
                    for (Guest.Disk d : g.disks()) {
                        Storage s = cluster.storage(d.storage());
                        if (s != null && s.pool(n.name()) == null) {
                            missing.add(s.id());
                        }
                    }
                    notAllowed.put(n.name(), missing.isEmpty() ? obj("offline", 1)
                            : obj("unavailable_storages", missing));
                }
            }
            List<Map<String, Object>> localDisks = new ArrayList<>();
            for (Guest.Disk d : g.disks()) {
                Storage s = cluster.storage(d.storage());
                if (s != null && !s.shared()) {
                    localDisks.add(obj("volid", d.volid(), "size", d.size(), "drivename", d.key(), "is_attached", 1));
                }
            }
            Map<String, Object> out = obj("running", bit(g.running()), "allowed_nodes", allowed,
                    "not_allowed_nodes", notAllowed);
            if (type == GuestType.QEMU) {
                out.put("local_disks", localDisks);
                out.put("local_resources", List.of());
                out.put("mapped-resources", List.of());
            }
            return out;
        });
    }

    private Object migrate(Call c, GuestType type) {
        String target = c.params().string("target");
        boolean online = c.params().bool("online", false);
        boolean restart = c.params().bool("restart", false);
        boolean withLocalDisks = c.params().bool("with-local-disks", false);
        Object[] decision = cluster.read(() -> {
            if (target.equals(c.node())) {
                throw ApiException.fail("target is local node.");
            }
            if (cluster.node(target) == null) {
                throw ApiException.fail("no such cluster node '" + target + "'");
            }
            Guest g = Guests.require(cluster, type, c.node(), c.vmid());
            // PVE checks the lock early here, before the worker
            Guests.checkLockBeforeWorker(g);
            if (g.running()) {
                if (type == GuestType.QEMU && !online) {
                    throw ApiException.fail("can't migrate running VM without --online");
                }
                if (type == GuestType.LXC && online) {
                    throw ApiException.fail("lxc live migration is currently not implemented");
                }
                if (type == GuestType.LXC && !restart) {
                    throw ApiException.fail("running container can only be migrated in restart mode");
                }
            }
            return new Object[] {g, cluster.haFor(g) != null};
        });
        Guest g = (Guest) decision[0];
        if ((Boolean) decision[1]) {
            return sim.ha.migrate(g, target, c.user()).upidText();
        }
        return sim.workers.migrate(g, target, online, withLocalDisks, restart, c.user()).upidText();
    }

    // --- clone ---------------------------------------------------------------------------------------------

    private Object clone(Call c, GuestType type) {
        int vmid = c.vmid();
        int newid = c.params().integer("newid");
        String node = c.node();
        String pool = c.params().string("pool");
        // the second half of PVE's "and/or" permission rule: VM.Allocate on the new id or the pool
        boolean allocOnId = sim.access.has(c.principal(), "/vms/" + newid, "VM.Allocate");
        boolean allocOnPool = pool != null && sim.access.has(c.principal(), "/pool/" + pool, "VM.Allocate");
        if (!allocOnId && !allocOnPool) {
            throw io.pveflow.sim.auth.AuthException.forbidden("/vms/" + newid, "VM.Allocate");
        }
        String storageParam = c.params().string("storage");
        if (storageParam != null && !sim.access.has(c.principal(), "/storage/" + storageParam,
                "Datastore.AllocateSpace")) {
            throw io.pveflow.sim.auth.AuthException.forbidden("/storage/" + storageParam, "Datastore.AllocateSpace");
        }
        Guest source = cluster.read(() -> Guests.require(cluster, type, node, vmid));
        boolean full = c.params().bool("full", !source.template());
        String target = c.params().string("target", node);
        String snapname = c.params().string("snapname");
        String name = c.params().string(type == GuestType.QEMU ? "name" : "hostname");
        String description = c.params().string("description");
        Task task = sim.tasks.start(node, type.task("clone"), Integer.toString(vmid), c.user(), new TaskWork() {
            private boolean created;

            @Override
            public void begin(TaskLog log) {
                Guest src = Guests.requireInWorker(cluster, type, node, vmid);
                Guests.checkLockInWorker(src);
                if (cluster.guest(newid) != null) {
                    throw new TaskFailure("unable to create " + type.label() + " " + newid
                            + ": config file already exists");
                }
                if (!full && !src.template()) {
                    throw new TaskFailure("Linked clone feature is not supported for drive '"
                            + src.disks().get(0).key() + "'");
                }
                Map<String, String> config = snapname == null ? src.currentConfig() : snapshotConfig(src, snapname);
                Node targetNode = cluster.node(target);
                if (targetNode == null || !targetNode.online()) {
                    throw new TaskFailure("target node '" + target + "' is not online");
                }
                config.remove("lock");
                config.remove("parent");
                config.remove("template");
                if (type == GuestType.QEMU) {
                    config.put("name", name != null ? name : "Copy-of-VM-" + src.name());
                } else if (name != null) {
                    config.put("hostname", name);
                }
                if (description != null) {
                    config.put("description", description);
                }
                Guest copy = new Guest(newid, type, target, config);
                List<String> diskKeys = new ArrayList<>();
                for (Guest.Disk d : src.disks()) {
                    diskKeys.add(d.key());
                }
                // allocate first, so that a full storage fails the task without leaving half a guest
                List<Volume> allocated = new ArrayList<>();
                for (String key : diskKeys) {
                    Guest.Disk d = src.disk(key);
                    Storage storage = cluster.storage(storageParam != null ? storageParam : d.storage());
                    if (storage == null || storage.pool(target) == null) {
                        release(allocated, target);
                        throw new TaskFailure("storage '" + (storage == null ? storageParam : storage.id())
                                + "' is not available on node '" + target + "'");
                    }
                    if (!target.equals(node) && !storage.shared()) {
                        release(allocated, target);
                        throw new TaskFailure("can't clone VM to node '" + target + "' (VM uses local storage)");
                    }
                    StoragePool pool = storage.pool(target);
                    if (full && pool.avail() < d.size()) {
                        release(allocated, target);
                        throw new TaskFailure("unable to create image: not enough space on storage '" + storage.id()
                                + "' (requested " + Sizes.human(d.size()) + ", available " + Sizes.human(pool.avail())
                                + ")");
                    }
                    Volume v = cluster.allocateDisk(storage, target, newid, d.size(), type, false);
                    if (!full) {
                        v.setUsed(0); // a linked clone shares the template's base image
                    }
                    allocated.add(v);
                    copy.config().put(key, d.withVolume(v.volid()));
                    log.line((full ? "create full clone of drive " : "create linked clone of drive ") + key + " ("
                            + d.volid() + ")");
                }
                copy.setLock("clone");
                copy.setPool(pool);
                cluster.addGuest(copy);
                created = true;
            }

            @Override
            public void finish(TaskLog log) {
                Guest copy = cluster.guest(newid);
                if (copy != null) {
                    if (full) {
                        log.line("transferred " + Sizes.human(copy.totalDiskBytes()) + " of "
                                + Sizes.human(copy.totalDiskBytes()) + " (100.00%)");
                    }
                    copy.setLock(null);
                }
            }

            @Override
            public void abort() {
                if (created) {
                    Guest copy = cluster.guest(newid);
                    if (copy != null) {
                        for (Guest.Disk d : copy.disks()) {
                            StoragePool p = cluster.poolOf(d.volid(), copy.node());
                            if (p != null) {
                                p.remove(d.volid());
                            }
                        }
                        cluster.removeGuest(newid);
                    }
                    created = false;
                }
            }

            private void release(List<Volume> volumes, String onNode) {
                for (Volume v : volumes) {
                    StoragePool p = cluster.poolOf(v.volid(), onNode);
                    if (p != null) {
                        p.remove(v.volid());
                    }
                }
            }
        });
        return task.upidText();
    }

    private static Map<String, String> snapshotConfig(Guest src, String snapname) {
        var snap = src.snapshots().get(snapname);
        if (snap == null) {
            throw new TaskFailure("snapshot '" + snapname + "' does not exist");
        }
        return new LinkedHashMap<>(snap.config());
    }

    // --- template ------------------------------------------------------------------------------------------

    private Object template(Call c, GuestType type) {
        int vmid = c.vmid();
        String node = c.node();
        cluster.read(() -> {
            Guest g = Guests.require(cluster, type, node, vmid);
            if (g.template()) {
                throw ApiException.fail("you can't convert a template to a template");
            }
            if (g.running()) {
                throw ApiException.fail(type == GuestType.QEMU
                        ? "you can't convert a VM to template if VM is running"
                        : "you can't convert a CT to template if the CT is running");
            }
            Guests.checkLockBeforeWorker(g);
            return null;
        });
        Task task = sim.tasks.start(node, type.task("template"), Integer.toString(vmid), c.user(), new TaskWork() {
            @Override
            public Integer flock() {
                return vmid;
            }

            @Override
            public void finish(TaskLog log) {
                Guest g = Guests.requireInWorker(cluster, type, node, vmid);
                for (Guest.Disk d : g.disks()) {
                    String base = d.volid().replace("vm-" + vmid + "-disk-", "base-" + vmid + "-disk-");
                    if (!base.equals(d.volid())) {
                        StoragePool p = cluster.poolOf(d.volid(), node);
                        Volume old = p == null ? null : p.remove(d.volid());
                        if (old != null) {
                            p.add(new Volume(base, old.content(), old.format(), old.size(), old.vmid(), old.ctime(),
                                    null, false));
                        }
                        g.config().put(d.key(), d.withVolume(base));
                        log.line("  Renamed \"" + d.volid().substring(d.volid().indexOf(':') + 1) + "\" to \""
                                + base.substring(base.indexOf(':') + 1) + "\"");
                    }
                }
                g.markTemplate();
            }
        });
        // a container template is made by a worker too, but PVE drops its UPID and answers null
        return type == GuestType.QEMU ? task.upidText() : null;
    }

    // --- resize --------------------------------------------------------------------------------------------

    private Object resize(Call c, GuestType type) {
        int vmid = c.vmid();
        String node = c.node();
        String diskKey = c.params().string("disk");
        String sizeText = c.params().string("size");
        String digest = c.params().string("digest");
        boolean skiplock = c.params().bool("skiplock", false);
        cluster.read(() -> Guests.require(cluster, type, node, vmid));
        Task task = sim.tasks.start(node, "resize", Integer.toString(vmid), c.user(), new TaskWork() {
            @Override
            public Integer flock() {
                return vmid;
            }

            @Override
            public void begin(TaskLog log) {
                Guest g = Guests.requireInWorker(cluster, type, node, vmid);
                if (digest != null && !digest.equals(g.digest())) {
                    throw new TaskFailure("detected modified configuration - file changed by other user? Try again.");
                }
                if (!skiplock) {
                    Guests.checkLockInWorker(g);
                }
                Guest.Disk disk = g.disk(diskKey);
                if (disk == null) {
                    throw new TaskFailure("disk '" + diskKey + "' does not exist");
                }
                long requested = Sizes.parse(sizeText);
                long newSize = Sizes.isIncrement(sizeText) ? disk.size() + requested : requested;
                if (newSize < disk.size()) {
                    throw new TaskFailure(type == GuestType.QEMU ? "shrinking disks is not supported"
                            : "unable to shrink disk size");
                }
                StoragePool pool = cluster.poolOf(disk.volid(), node);
                if (pool != null && pool.avail() < newSize - disk.size()) {
                    throw new TaskFailure("not enough space on storage '" + disk.storage() + "'");
                }
            }

            @Override
            public void finish(TaskLog log) {
                Guest g = Guests.requireInWorker(cluster, type, node, vmid);
                Guest.Disk disk = g.disk(diskKey);
                if (disk == null) {
                    throw new TaskFailure("disk '" + diskKey + "' does not exist");
                }
                long requested = Sizes.parse(sizeText);
                long newSize = Sizes.isIncrement(sizeText) ? disk.size() + requested : requested;
                StoragePool pool = cluster.poolOf(disk.volid(), node);
                Volume v = pool == null ? null : pool.volume(disk.volid());
                if (v != null) {
                    v.setSize(newSize);
                }
                g.config().put(diskKey, disk.withSize(newSize));
                log.line("  Size of logical volume " + disk.volid() + " changed from " + Sizes.human(disk.size())
                        + " to " + Sizes.human(newSize) + ".");
            }
        });
        return task.upidText();
    }
}
