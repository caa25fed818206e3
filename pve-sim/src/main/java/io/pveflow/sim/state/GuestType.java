package io.pveflow.sim.state;

/** The two kinds of guests, with the words PVE uses for each in paths, file names and messages. */
public enum GuestType {
    QEMU("qemu", "qemu-server", "VM", "qm"),
    LXC("lxc", "lxc", "CT", "vz");

    private final String apiName;
    private final String configDir;
    private final String label;
    private final String taskPrefix;

    GuestType(String apiName, String configDir, String label, String taskPrefix) {
        this.apiName = apiName;
        this.configDir = configDir;
        this.label = label;
        this.taskPrefix = taskPrefix;
    }

    public static GuestType of(String apiName) {
        return apiName.equals("lxc") ? LXC : QEMU;
    }

    /** {@code qemu} or {@code lxc}, as in API paths and {@code /cluster/resources}. */
    public String apiName() {
        return apiName;
    }

    /** {@code nodes/pve1/qemu-server/100.conf} as in PVE's "does not exist" message. */
    public String configPath(String node, int vmid) {
        return "nodes/" + node + "/" + configDir + "/" + vmid + ".conf";
    }

    /** {@code VM} or {@code CT}. */
    public String label() {
        return label;
    }

    /** Worker type for an action: {@code qmstart}, {@code vzsnapshot}, ... */
    public String task(String action) {
        if (this == QEMU && action.equals("migrate")) {
            return "qmigrate"; // not "qmmigrate"
        }
        return taskPrefix + action;
    }

    /** HA resource id prefix: {@code vm} or {@code ct}. */
    public String haPrefix() {
        return this == QEMU ? "vm" : "ct";
    }
}
