package io.pveflow.pve.client;

/** Virtual machine or container: Proxmox has a path for each ({@code /qemu/}, {@code /lxc/}). */
public enum GuestType {
    QEMU("qemu"),
    LXC("lxc");

    private final String path;

    GuestType(String path) {
        this.path = path;
    }

    /** The path segment and the {@code type} of {@code /cluster/resources}: {@code qemu} or {@code lxc}. */
    public String path() {
        return path;
    }

    public static GuestType of(String value) {
        for (GuestType t : values()) {
            if (t.path.equalsIgnoreCase(value) || t.name().equalsIgnoreCase(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("guest type must be qemu or lxc, got '" + value + "'");
    }
}
