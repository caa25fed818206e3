package io.pveflow.pve.activities;

import java.util.Optional;

import io.pveflow.pve.client.GuestType;
import io.pveflow.pve.client.PveClient;
import io.pveflow.pve.client.Tasks;
import io.pveflow.pve.client.Upid;
import io.pveflow.pve.client.model.TaskSummary;

/**
 * Finds a Proxmox task that is still running. An activity retried after a crash (the first attempt reached
 * Proxmox, the server died before the engine committed) adopts the task its first attempt started instead of
 * starting a second one, which would fail on the guest's lock or do the work twice.
 */
public final class ActiveTasks {

    private ActiveTasks() {
    }

    /**
     * The running task of {@code type} (e.g. {@code qmclone}) whose id is {@code id} (a VMID, or "" for tasks
     * without one) on {@code node}, if there is one.
     */
    public static Optional<Upid> find(PveClient pve, String node, String type, String id) {
        for (TaskSummary task : pve.tasks().list(node, new Tasks.ListOptions()
                .source(Tasks.ListOptions.Source.ACTIVE).typeFilter(type))) {
            String taskId = task.id() == null ? "" : task.id();
            if (task.isRunning() && type.equals(task.type()) && id.equals(taskId) && Upid.isUpid(task.upid())) {
                return Optional.of(Upid.parse(task.upid()));
            }
        }
        return Optional.empty();
    }

    /** Proxmox's worker type for a guest operation: {@code qm<op>} for VMs, {@code vz<op>} for containers. */
    public static String workerType(GuestType type, String operation) {
        return (type == GuestType.QEMU ? "qm" : "vz") + operation;
    }

    /** The running task of {@code type} about guest {@code vmid} on {@code node}, if there is one. */
    public static Optional<Upid> find(PveClient pve, String node, String type, int vmid) {
        return find(pve, node, type, Integer.toString(vmid));
    }
}
