package io.pveflow.sim.api;

import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.GuestType;
import io.pveflow.sim.tasks.TaskFailure;

/** Finding guests and the checks PVE makes on them, with PVE's messages. */
final class Guests {

    private Guests() {
    }

    static String missingConfig(GuestType type, String node, int vmid) {
        return "Configuration file '" + type.configPath(node, vmid) + "' does not exist";
    }

    /** The guest whose config lives on that node, or a 500 like PVE's when the config file is missing. */
    static Guest require(Cluster cluster, GuestType type, String node, int vmid) {
        Guest guest = cluster.guest(vmid);
        if (guest == null || guest.type() != type || !guest.node().equals(node)) {
            throw ApiException.fail(missingConfig(type, node, vmid));
        }
        return guest;
    }

    /** The same inside a worker: the guest may have gone since the request. */
    static Guest requireInWorker(Cluster cluster, GuestType type, String node, int vmid) {
        Guest guest = cluster.guest(vmid);
        if (guest == null || guest.type() != type || !guest.node().equals(node)) {
            throw new TaskFailure(missingConfig(type, node, vmid));
        }
        return guest;
    }

    static String lockMessage(Guest guest) {
        return guest.type().label() + " is locked (" + guest.lock() + ")";
    }

    static void checkLockInWorker(Guest guest) {
        if (guest.lock() != null) {
            throw new TaskFailure(lockMessage(guest));
        }
    }

    static void checkLockBeforeWorker(Guest guest) {
        if (guest.lock() != null) {
            throw ApiException.fail(lockMessage(guest));
        }
    }

    /** {@code VM 100} or {@code CT 100} as in running/not running messages. */
    static String label(Guest guest) {
        return guest.type().label() + " " + guest.vmid();
    }
}
