package io.pveflow.sim.api;

import java.time.Duration;

import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.HaResource;
import io.pveflow.sim.state.Node;
import io.pveflow.sim.tasks.Task;
import io.pveflow.sim.tasks.TaskLog;
import io.pveflow.sim.tasks.TaskWork;

/**
 * A tiny stand-in for pve-ha-manager. A start/stop/migrate request on an HA-managed guest only records the
 * wish in a {@code hastart}/{@code hastop}/{@code hamigrate} task that ends OK at once; {@code haDelayMillis}
 * later the "LRM" runs the real worker as {@code root@pam}. So, as with real PVE, waiting for the HA task is
 * not waiting for the guest.
 */
final class HaManager {

    private static final String LRM_USER = "root@pam";

    private final Simulation sim;

    HaManager(Simulation sim) {
        this.sim = sim;
    }

    /** {@code hastart} / {@code hastop}: set the requested state, act later. */
    Task request(Guest guest, String taskType, String state, String user) {
        String sid = guest.haSid();
        Task task = sim.tasks.start(guest.node(), taskType, Integer.toString(guest.vmid()), user, new TaskWork() {
            @Override
            public void begin(TaskLog log) {
                HaResource resource = sim.cluster.ha().get(sid);
                if (resource != null) {
                    resource.setState(state);
                }
                log.line("Requesting HA " + (state.equals("started") ? "start" : "stop") + " for "
                        + guest.type().label() + " " + guest.vmid());
            }

            @Override
            public Duration duration(Duration typeDefault) {
                return Duration.ZERO;
            }
        });
        reconcileLater(sid);
        return task;
    }

    /** {@code hamigrate}: the guest moves later, online when running. */
    Task migrate(Guest guest, String target, String user) {
        String sid = guest.haSid();
        Task task = sim.tasks.start(guest.node(), "hamigrate", Integer.toString(guest.vmid()), user, new TaskWork() {
            @Override
            public void begin(TaskLog log) {
                log.line("Requesting HA migration for " + guest.type().label() + " " + guest.vmid() + " to node "
                        + target);
            }

            @Override
            public Duration duration(Duration typeDefault) {
                return Duration.ZERO;
            }
        });
        migrateLater(sid, target);
        return task;
    }

    void migrateLater(String sid, String target) {
        sim.tasks.later(Duration.ofMillis(sim.timings.haDelayMillis()), () -> {
            Guest guest = sim.cluster.read(() -> {
                HaResource resource = sim.cluster.ha().get(sid);
                return resource == null ? null : sim.cluster.guest(resource.vmid());
            });
            if (guest != null && !guest.node().equals(target)) {
                sim.workers.migrate(guest, target, true, true, true, LRM_USER);
            }
        });
    }

    void reconcileLater(String sid) {
        sim.tasks.later(Duration.ofMillis(sim.timings.haDelayMillis()), () -> reconcile(sid));
    }

    /** Brings the guest to the requested state, as the LRM would. */
    void reconcile(String sid) {
        Object[] action = sim.cluster.read(() -> {
            HaResource resource = sim.cluster.ha().get(sid);
            if (resource == null || !resource.managing()) {
                return null;
            }
            Guest guest = sim.cluster.guest(resource.vmid());
            if (guest == null) {
                return null;
            }
            Node node = sim.cluster.node(guest.node());
            if (node == null || !node.online()) {
                return null;
            }
            if (resource.wantsRunning() && !guest.running()) {
                return new Object[] {guest, GuestWorkers.Power.START};
            }
            if (!resource.wantsRunning() && guest.running()) {
                return new Object[] {guest, GuestWorkers.Power.SHUTDOWN};
            }
            return null;
        });
        if (action != null) {
            Guest guest = (Guest) action[0];
            sim.workers.power(guest.type(), guest.node(), guest.vmid(), (GuestWorkers.Power) action[1], false,
                    LRM_USER);
        }
    }

    /** The state the HA stack shows for a resource in status/current and /cluster/resources. */
    static String serviceState(HaResource resource, Guest guest) {
        if (!resource.managing()) {
            return "ignored";
        }
        if (guest == null) {
            return "error";
        }
        if (resource.state().equals("disabled")) {
            return guest.running() ? "stopping" : "disabled";
        }
        if (resource.wantsRunning()) {
            return guest.running() ? "started" : "starting";
        }
        return guest.running() ? "stopping" : "stopped";
    }
}
