package io.pveflow.sim.state;

/** A cluster node. Mutable fields are guarded by the {@link Cluster} lock. */
public final class Node {

    private final String name;
    private final String ip;
    private final int nodeId;
    private final int cpus;
    private final long memoryBytes;
    private final long rootfsBytes;
    private boolean online;
    private long bootTime;

    Node(String name, String ip, int nodeId, int cpus, long memoryBytes, long rootfsBytes, boolean online,
            long bootTime) {
        this.name = name;
        this.ip = ip;
        this.nodeId = nodeId;
        this.cpus = cpus;
        this.memoryBytes = memoryBytes;
        this.rootfsBytes = rootfsBytes;
        this.online = online;
        this.bootTime = bootTime;
    }

    public String name() {
        return name;
    }

    public String ip() {
        return ip;
    }

    public int nodeId() {
        return nodeId;
    }

    public int cpus() {
        return cpus;
    }

    public long memoryBytes() {
        return memoryBytes;
    }

    public long rootfsBytes() {
        return rootfsBytes;
    }

    public boolean online() {
        return online;
    }

    public void setOnline(boolean online, long now) {
        if (online && !this.online) {
            bootTime = now;
        }
        this.online = online;
    }

    public long bootTime() {
        return bootTime;
    }

    public long uptime(long now) {
        return online ? Math.max(0, now - bootTime) : 0;
    }
}
