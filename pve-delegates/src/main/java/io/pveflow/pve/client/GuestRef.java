package io.pveflow.pve.client;

import java.util.Objects;

/** Where a guest lives: node, type and VMID, the three parts of its API path. */
public record GuestRef(String node, GuestType type, int vmid) {

    public GuestRef {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(type, "type");
    }

    public static GuestRef qemu(String node, int vmid) {
        return new GuestRef(node, GuestType.QEMU, vmid);
    }

    public static GuestRef lxc(String node, int vmid) {
        return new GuestRef(node, GuestType.LXC, vmid);
    }

    /** The same guest after a migration. */
    public GuestRef on(String otherNode) {
        return new GuestRef(otherNode, type, vmid);
    }

    @Override
    public String toString() {
        return type.path() + "/" + vmid + "@" + node;
    }
}
