package io.pveflow.sim.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import io.pveflow.sim.spec.ClusterSpec;
import io.pveflow.sim.spec.GuestSpec;
import io.pveflow.sim.spec.HaResourceSpec;
import io.pveflow.sim.spec.NodeSpec;
import io.pveflow.sim.spec.ReplicationSpec;
import io.pveflow.sim.spec.SnapshotSpec;
import io.pveflow.sim.spec.StorageSpec;
import io.pveflow.sim.spec.VolumeSpec;

/**
 * The whole simulated cluster state. One read/write lock guards everything: critical sections are short
 * (no I/O, no sleeping), list calls share the read lock, and any change that touches several objects
 * (clone: source, target id, storage) is atomic without lock ordering worries.
 */
public final class Cluster {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final String name;
    private final String version;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final TreeMap<Integer, Guest> guests = new TreeMap<>();
    private final Map<String, Storage> storages = new LinkedHashMap<>();
    private final Map<String, HaResource> ha = new LinkedHashMap<>();
    private final Map<String, ReplicationJob> replication = new LinkedHashMap<>();
    private final Set<String> pools = new LinkedHashSet<>();

    private Cluster(String name, String version) {
        this.name = name;
        this.version = version;
    }

    public static long now() {
        return System.currentTimeMillis() / 1000;
    }

    // --- locking ---------------------------------------------------------------------------------------

    public <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    public <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void write(Runnable action) {
        write(() -> {
            action.run();
            return null;
        });
    }

    // --- queries (callers hold the lock) ------------------------------------------------------------------

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public Collection<Node> nodes() {
        return nodes.values();
    }

    public Node node(String nodeName) {
        return nodes.get(nodeName);
    }

    public Collection<Guest> guests() {
        return guests.values();
    }

    public Guest guest(int vmid) {
        return guests.get(vmid);
    }

    public List<Guest> guestsOn(String nodeName) {
        List<Guest> list = new ArrayList<>();
        for (Guest g : guests.values()) {
            if (g.node().equals(nodeName)) {
                list.add(g);
            }
        }
        return list;
    }

    public Collection<Storage> storages() {
        return storages.values();
    }

    public Storage storage(String id) {
        return storages.get(id);
    }

    public Map<String, HaResource> ha() {
        return ha;
    }

    /** The HA resource that manages the guest, or {@code null}. */
    public HaResource haFor(Guest guest) {
        HaResource resource = ha.get(guest.haSid());
        return resource != null && resource.managing() ? resource : null;
    }

    public Map<String, ReplicationJob> replication() {
        return replication;
    }

    public Set<String> pools() {
        return pools;
    }

    public int nextFreeId(int from) {
        int id = Math.max(100, from);
        while (guests.containsKey(id)) {
            id++;
        }
        return id;
    }

    // --- changes (callers hold the write lock) ----------------------------------------------------------

    public void addGuest(Guest guest) {
        guests.put(guest.vmid(), guest);
        if (guest.pool() != null) {
            pools.add(guest.pool());
        }
    }

    public void removeGuest(int vmid) {
        guests.remove(vmid);
    }

    /**
     * Allocates a new guest disk volume: {@code local-lvm:vm-101-disk-0} on block storages,
     * {@code local:101/vm-101-disk-0.qcow2} on file storages.
     */
    public Volume allocateDisk(Storage storage, String nodeName, int vmid, long size, GuestType type, boolean base) {
        StoragePool pool = storage.pool(nodeName);
        String prefix = base ? "base-" : (type == GuestType.LXC && storage.type().startsWith("zfs") ? "subvol-" : "vm-");
        boolean fileBased = Set.of("dir", "nfs", "cifs", "cephfs", "btrfs").contains(storage.type());
        String format = fileBased ? (type == GuestType.QEMU ? "qcow2" : "raw") : "raw";
        for (int i = 0;; i++) {
            String volume = prefix + vmid + "-disk-" + i;
            String volid = fileBased
                    ? storage.id() + ":" + vmid + "/" + volume + "." + format
                    : storage.id() + ":" + volume;
            if (!pool.contains(volid)) {
                Volume v = new Volume(volid, type == GuestType.QEMU ? "images" : "rootdir", format, size, vmid, now(),
                        null, false);
                pool.add(v);
                return v;
            }
        }
    }

    /** Finds the pool that holds a guest disk volume as seen from a node. */
    public StoragePool poolOf(String volid, String nodeName) {
        int colon = volid.indexOf(':');
        if (colon < 0) {
            return null;
        }
        Storage storage = storages.get(volid.substring(0, colon));
        return storage == null ? null : storage.pool(nodeName);
    }

    // --- building from a description -------------------------------------------------------------------

    public static Cluster from(ClusterSpec spec) {
        Cluster cluster = new Cluster(spec.name(), spec.version());
        long now = now();
        int nodeId = 1;
        for (NodeSpec n : spec.nodes()) {
            String ip = n.ip() != null ? n.ip() : "10.0.0." + (10 + nodeId);
            long bootTime = now - 86_400L * (3 + nodeId) - 3_600L * nodeId;
            cluster.nodes.put(n.name(), new Node(n.name(), ip, nodeId++, n.cpus(), n.memoryMiB() * Sizes.MIB,
                    n.rootfsGiB() * Sizes.GIB, n.online(), bootTime));
        }
        if (cluster.nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        for (StorageSpec s : spec.storages()) {
            cluster.addStorage(s);
        }
        for (GuestSpec g : spec.guests()) {
            cluster.addGuestFromSpec(g, now);
        }
        for (HaResourceSpec h : spec.ha()) {
            String sid = h.sid().contains(":") ? h.sid() : "vm:" + h.sid();
            cluster.ha.put(sid, new HaResource(sid, h.state() == null ? "started" : h.state(),
                    h.maxRestart() == null ? 1 : h.maxRestart(), h.maxRelocate() == null ? 1 : h.maxRelocate(),
                    h.failback() == null || h.failback(), h.comment()));
        }
        for (ReplicationSpec r : spec.replication()) {
            ReplicationJob job = new ReplicationJob(r.id(), r.target(), r.schedule());
            job.setRate(r.rate());
            job.setComment(r.comment());
            job.setDisable(r.disable() != null && r.disable());
            long interval = job.intervalSeconds();
            long last = now - (now % interval);
            if (r.error() != null) {
                job.failed(last, r.error(), last + interval);
            } else {
                job.succeeded(last, 2.5, last + interval);
            }
            cluster.replication.put(r.id(), job);
        }
        return cluster;
    }

    private void addStorage(StorageSpec s) {
        List<String> on = s.nodes() == null ? List.of() : s.nodes();
        Storage storage = new Storage(s.id(), s.type(), new LinkedHashSet<>(s.content()), s.shared(), on,
                s.path() != null ? s.path() : defaultPath(s));
        long total = (long) (s.totalGiB() * Sizes.GIB);
        long used = (long) (s.usedGiB() * Sizes.GIB);
        if (s.shared()) {
            storage.addPool("", new StoragePool(total, used));
        } else {
            for (Node n : nodes.values()) {
                if (storage.availableOn(n.name())) {
                    storage.addPool(n.name(), new StoragePool(total, used));
                }
            }
        }
        storages.put(s.id(), storage);
        for (VolumeSpec v : s.volumes()) {
            String volid = v.volid().contains(":") ? v.volid() : s.id() + ":" + v.volid();
            String content = v.content() != null ? v.content() : guessContent(volid);
            String node = v.node() != null ? v.node() : nodes.keySet().iterator().next();
            StoragePool pool = storage.pool(node);
            if (pool == null) {
                throw new IllegalArgumentException("volume " + volid + ": storage " + s.id() + " is not on node " + node);
            }
            long size = (long) ((v.sizeMiB() == null ? 512 : v.sizeMiB()) * Sizes.MIB);
            pool.add(new Volume(volid, content, formatOf(volid), size, v.vmid() != null ? v.vmid() : vmidOf(volid),
                    v.ctime() != null ? v.ctime() : now() - 86_400, v.notes(),
                    v.isProtected() != null && v.isProtected()));
        }
    }

    private static String defaultPath(StorageSpec s) {
        return switch (s.type()) {
            case "dir" -> s.id().equals("local") ? "/var/lib/vz" : "/mnt/" + s.id();
            case "nfs", "cifs", "cephfs" -> "/mnt/pve/" + s.id();
            default -> null;
        };
    }

    private static String guessContent(String volid) {
        if (volid.contains(":iso/")) {
            return "iso";
        }
        if (volid.contains(":vztmpl/")) {
            return "vztmpl";
        }
        if (volid.contains(":backup/")) {
            return "backup";
        }
        return "images";
    }

    static String formatOf(String volid) {
        if (volid.endsWith(".iso")) {
            return "iso";
        }
        int dot = volid.lastIndexOf("/vzdump-");
        if (dot >= 0) {
            String file = volid.substring(dot + 1);
            String[] parts = file.split("\\.", 2);
            return parts.length > 1 ? parts[1] : "vma";
        }
        if (volid.endsWith(".tar.zst") || volid.endsWith(".tar.gz") || volid.endsWith(".tar.xz")) {
            return volid.substring(volid.indexOf(".tar") + 1);
        }
        if (volid.endsWith(".qcow2")) {
            return "qcow2";
        }
        return "raw";
    }

    private static Integer vmidOf(String volid) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("vzdump-(?:qemu|lxc)-(\\d+)-").matcher(volid);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private void addGuestFromSpec(GuestSpec g, long now) {
        if (!nodes.containsKey(g.node())) {
            throw new IllegalArgumentException("guest " + g.vmid() + ": unknown node " + g.node());
        }
        if (guests.containsKey(g.vmid())) {
            throw new IllegalArgumentException("guest " + g.vmid() + " is defined twice");
        }
        GuestType type = GuestType.of(g.type());
        Map<String, String> config = GuestConfigs.initial(g, type);
        Guest guest = new Guest(g.vmid(), type, g.node(), config);
        guest.setPool(g.pool());
        // disks: "storage:size" in the description, a real volume on the storage in the state
        Map<String, String> disks = new LinkedHashMap<>(g.disks());
        if (disks.isEmpty()) {
            Storage first = firstStorageFor(type == GuestType.QEMU ? "images" : "rootdir", g.node());
            if (first != null) {
                disks.put(type == GuestType.QEMU ? "scsi0" : "rootfs", first.id() + ":" + (type == GuestType.QEMU ? "32G" : "8G"));
            }
        }
        for (Map.Entry<String, String> d : disks.entrySet()) {
            String[] parts = d.getValue().split(":", 2);
            Storage storage = storages.get(parts[0]);
            if (storage == null || storage.pool(g.node()) == null) {
                throw new IllegalArgumentException("guest " + g.vmid() + ": storage " + parts[0]
                        + " does not exist on node " + g.node());
            }
            String sizeText = parts.length > 1 ? parts[1] : "32G";
            long size = sizeText.matches("\\d+") ? Long.parseLong(sizeText) * Sizes.GIB : Sizes.parse(sizeText);
            Volume volume = allocateDisk(storage, g.node(), g.vmid(), size, type, g.template());
            String options = type == GuestType.QEMU && d.getKey().startsWith("scsi") ? ",iothread=1" : "";
            guest.config().put(d.getKey(), volume.volid() + options + ",size=" + Sizes.format(size));
        }
        GuestConfigs.appendTail(guest, g);
        if ("running".equals(g.status()) && !g.template()) {
            guest.start(now - 3_600L * (1 + g.vmid() % 97));
        } else if ("paused".equals(g.status())) {
            guest.start(now - 600);
            guest.pause(true);
        }
        String parent = null;
        for (SnapshotSpec s : g.snapshots()) {
            String snapParent = s.parent() != null ? s.parent() : parent;
            long snaptime = now - 86_400L * (g.snapshots().size() - guest.snapshots().size());
            Map<String, String> snapConfig = new LinkedHashMap<>(guest.config());
            snapConfig.remove("lock");
            snapConfig.remove("parent");
            if (snapParent != null) {
                snapConfig.put("parent", snapParent);
            }
            guest.snapshots().put(s.name(), new Snapshot(s.name(), s.description(), snaptime,
                    s.vmstate() != null && s.vmstate(), snapParent, snapConfig));
            parent = s.name();
        }
        guest.setParent(parent);
        if (g.lock() != null) {
            guest.setLock(g.lock());
        }
        addGuest(guest);
    }

    private Storage firstStorageFor(String content, String nodeName) {
        for (Storage s : storages.values()) {
            if (s.supports(content) && s.pool(nodeName) != null) {
                return s;
            }
        }
        return null;
    }
}
