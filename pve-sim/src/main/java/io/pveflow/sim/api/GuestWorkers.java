package io.pveflow.sim.api;

import java.util.ArrayList;
import java.util.List;

import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.GuestType;
import io.pveflow.sim.state.Node;
import io.pveflow.sim.state.Sizes;
import io.pveflow.sim.state.Storage;
import io.pveflow.sim.state.StoragePool;
import io.pveflow.sim.state.Volume;
import io.pveflow.sim.tasks.Task;
import io.pveflow.sim.tasks.TaskFailure;
import io.pveflow.sim.tasks.TaskLog;
import io.pveflow.sim.tasks.TaskWork;

/**
 * The workers behind power actions and migration. The API handlers start them for users, the simulated HA
 * manager for HA-managed guests (as {@code root@pam}, like the real LRM). Checks here happen inside the
 * worker, so their failures end up in the task's exit status, not in the HTTP answer.
 */
final class GuestWorkers {

    private final Simulation sim;
    private final Cluster cluster;

    GuestWorkers(Simulation sim) {
        this.sim = sim;
        this.cluster = sim.cluster;
    }

    /** A power action: the guest changes state when the worker ends. */
    enum Power {
        START("start"), STOP("stop"), SHUTDOWN("shutdown"), REBOOT("reboot"), RESET("reset"),
        PAUSE("pause"), SUSPEND_TO_DISK("suspend"), RESUME("resume");

        final String word;

        Power(String word) {
            this.word = word;
        }
    }

    Task power(GuestType type, String node, int vmid, Power action, boolean skiplock, String user) {
        String taskType = taskType(type, action);
        return sim.tasks.start(node, taskType, Integer.toString(vmid), user, new PowerWork(type, node, vmid, action,
                skiplock));
    }

    static String taskType(GuestType type, Power action) {
        if (type == GuestType.LXC && action == Power.PAUSE) {
            return "vzsuspend";
        }
        return type.task(action.word);
    }

    private final class PowerWork implements TaskWork {
        private final GuestType type;
        private final String node;
        private final int vmid;
        private final Power action;
        private final boolean skiplock;

        PowerWork(GuestType type, String node, int vmid, Power action, boolean skiplock) {
            this.type = type;
            this.node = node;
            this.vmid = vmid;
            this.action = action;
            this.skiplock = skiplock;
        }

        @Override
        public Integer flock() {
            return vmid;
        }

        @Override
        public void begin(TaskLog log) {
            Guest guest = Guests.requireInWorker(cluster, type, node, vmid);
            boolean lockOk = skiplock
                    || (action == Power.START && "suspended".equals(guest.lock()))
                    || (action == Power.RESUME && "backup".equals(guest.lock()));
            if (!lockOk) {
                Guests.checkLockInWorker(guest);
            }
            switch (action) {
                case START -> {
                    if (guest.template()) {
                        throw new TaskFailure("you can't start a vm if it's a template");
                    }
                    if (guest.running()) {
                        throw new TaskFailure(Guests.label(guest) + " already running");
                    }
                }
                case REBOOT, RESET, PAUSE, RESUME, SUSPEND_TO_DISK -> {
                    if (!guest.running()) {
                        throw new TaskFailure(Guests.label(guest) + " not running");
                    }
                }
                default -> {
                    // stopping a stopped guest is a no-op that ends OK
                }
            }
            if (action == Power.SHUTDOWN && guest.running()) {
                log.line("shutdown " + Guests.label(guest));
            }
        }

        @Override
        public void finish(TaskLog log) {
            Guest guest = Guests.requireInWorker(cluster, type, node, vmid);
            long now = Cluster.now();
            switch (action) {
                case START -> {
                    if ("suspended".equals(guest.lock())) {
                        guest.setLock(null);
                        log.line("resuming " + Guests.label(guest) + " from saved state");
                    }
                    guest.start(now);
                }
                case STOP, SHUTDOWN -> guest.stop();
                case REBOOT, RESET -> guest.start(now);
                case PAUSE -> guest.pause(true);
                case RESUME -> guest.pause(false);
                case SUSPEND_TO_DISK -> {
                    log.line("saving VM state and RAM to disk");
                    guest.stop();
                    guest.setLock("suspended");
                }
            }
        }
    }

    // --- migration ---------------------------------------------------------------------------------------

    Task migrate(Guest guest, String target, boolean online, boolean withLocalDisks, boolean restart, String user) {
        GuestType type = guest.type();
        String source = guest.node();
        int vmid = guest.vmid();
        return sim.tasks.start(source, type.task("migrate"), Integer.toString(vmid), user, new TaskWork() {
            private boolean locked;
            private boolean wasRunning;

            @Override
            public void begin(TaskLog log) {
                Guest g = Guests.requireInWorker(cluster, type, source, vmid);
                Guests.checkLockInWorker(g);
                Node targetNode = cluster.node(target);
                if (targetNode == null || !targetNode.online()) {
                    throw new TaskFailure("migration aborted: target node '" + target + "' is not online");
                }
                wasRunning = g.running();
                List<String> localDisks = new ArrayList<>();
                for (Guest.Disk d : g.disks()) {
                    Storage s = cluster.storage(d.storage());
                    if (s != null && !s.shared()) {
                        localDisks.add(d.volid());
                        if (s.pool(target) == null) {
                            throw new TaskFailure("storage '" + s.id() + "' is not available on node '" + target + "'");
                        }
                    }
                }
                if (type == GuestType.QEMU && wasRunning && online && !localDisks.isEmpty() && !withLocalDisks) {
                    throw new TaskFailure("can't live migrate attached local disks without with-local-disks option");
                }
                g.setLock("migrate");
                locked = true;
                String ip = targetNode.ip();
                if (type == GuestType.QEMU) {
                    log.line(stamp() + " use dedicated network address for sending migration traffic (" + ip + ")");
                    log.line(stamp() + " starting migration of VM " + vmid + " to node '" + target + "' (" + ip + ")");
                    for (String volid : localDisks) {
                        log.line(stamp() + " found local disk '" + volid + "' (attached)");
                    }
                    if (wasRunning) {
                        log.line(stamp() + " starting VM " + vmid + " on remote node '" + target + "'");
                        log.line(stamp() + " start remote tunnel");
                        log.line(stamp() + " migration active, transferred 1.0 GiB of " + Sizes.human(g.memoryBytes())
                                + " VM-state");
                    } else {
                        log.line(stamp() + " copying local disk images");
                    }
                } else {
                    if (wasRunning) {
                        log.line(stamp() + " shutdown CT " + vmid);
                    }
                    log.line(stamp() + " starting migration of CT " + vmid + " to node '" + target + "' (" + ip + ")");
                }
            }

            @Override
            public void finish(TaskLog log) {
                Guest g = cluster.guest(vmid);
                if (g == null) {
                    throw new TaskFailure(Guests.missingConfig(type, source, vmid));
                }
                for (Guest.Disk d : g.disks()) {
                    Storage s = cluster.storage(d.storage());
                    if (s != null && !s.shared()) {
                        StoragePool from = s.pool(source);
                        StoragePool to = s.pool(target);
                        Volume v = from.remove(d.volid());
                        if (v != null && to != null) {
                            to.add(v);
                        }
                    }
                }
                g.moveTo(target);
                g.setLock(null);
                locked = false;
                if (type == GuestType.LXC && wasRunning) {
                    g.start(Cluster.now());
                    log.line(stamp() + " start container on target node");
                }
                log.line(stamp() + " migration finished successfully (duration 00:00:0"
                        + Math.max(1, sim.timings.taskDuration(type.task("migrate")).toSeconds() % 10) + ")");
            }

            @Override
            public void abort() {
                if (locked) {
                    Guest g = cluster.guest(vmid);
                    if (g != null && "migrate".equals(g.lock())) {
                        g.setLock(null);
                    }
                    locked = false;
                }
            }
        });
    }

    static String stamp() {
        return java.time.LocalDateTime.now().withNano(0).toString().replace('T', ' ');
    }

    /** Nodes a guest may migrate to: online, not its own, with every local storage it uses. */
    List<String> allowedNodes(Guest guest) {
        List<String> allowed = new ArrayList<>();
        for (Node n : cluster.nodes()) {
            if (n.name().equals(guest.node()) || !n.online()) {
                continue;
            }
            boolean ok = true;
            for (Guest.Disk d : guest.disks()) {
                Storage s = cluster.storage(d.storage());
                if (s != null && s.pool(n.name()) == null) {
                    ok = false;
                }
            }
            if (ok) {
                allowed.add(n.name());
            }
        }
        return allowed;
    }
}
