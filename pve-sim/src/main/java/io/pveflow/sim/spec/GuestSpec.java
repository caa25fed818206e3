package io.pveflow.sim.spec;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A virtual machine ({@code type: qemu}) or container ({@code type: lxc}). {@code disks} maps a disk key
 * ({@code scsi0}, {@code virtio0}, {@code rootfs}, {@code mp0}) to {@code storage:size} such as
 * {@code local-lvm:32G}; {@code config} adds or overrides raw config keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuestSpec(
        int vmid,
        String type,
        String node,
        String name,
        String status,
        Boolean template,
        List<String> tags,
        String pool,
        Integer cores,
        Integer memoryMiB,
        Map<String, String> disks,
        String lock,
        Boolean onboot,
        List<SnapshotSpec> snapshots,
        Map<String, String> config) {

    public GuestSpec {
        type = type == null ? "qemu" : type;
        if (!type.equals("qemu") && !type.equals("lxc")) {
            throw new IllegalArgumentException("guest " + vmid + ": type must be qemu or lxc");
        }
        status = status == null ? "stopped" : status;
        template = template != null && template;
        tags = tags == null ? List.of() : List.copyOf(tags);
        cores = cores == null ? 2 : cores;
        memoryMiB = memoryMiB == null ? 2048 : memoryMiB;
        disks = disks == null ? Map.of() : disks;
        onboot = onboot != null && onboot;
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
        config = config == null ? Map.of() : config;
    }

    public static GuestSpec vm(int vmid, String node, String name, String status, String disk) {
        return new GuestSpec(vmid, "qemu", node, name, status, null, null, null, null, null,
                Map.of("scsi0", disk), null, null, null, null);
    }

    public static GuestSpec ct(int vmid, String node, String name, String status, String rootfs) {
        return new GuestSpec(vmid, "lxc", node, name, status, null, null, null, null, null,
                Map.of("rootfs", rootfs), null, null, null, null);
    }
}
