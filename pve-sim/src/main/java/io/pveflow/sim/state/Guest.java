package io.pveflow.sim.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A VM or container: where it runs, its config file (as ordered key/value pairs, {@code lock}, {@code parent},
 * {@code template} and {@code tags} included, as in PVE), run state and snapshot tree. Guarded by the
 * {@link Cluster} lock.
 */
public final class Guest {

    private static final Pattern QEMU_DISK = Pattern.compile("(ide|sata|scsi|virtio)\\d+|efidisk0|tpmstate0");
    private static final Pattern LXC_DISK = Pattern.compile("rootfs|mp\\d+");

    private final int vmid;
    private final GuestType type;
    private String node;
    private final LinkedHashMap<String, String> config;
    private boolean running;
    private boolean paused;
    private long startedAt;
    private String pool;
    private final LinkedHashMap<String, Snapshot> snapshots = new LinkedHashMap<>();

    public Guest(int vmid, GuestType type, String node, Map<String, String> config) {
        this.vmid = vmid;
        this.type = type;
        this.node = node;
        this.config = new LinkedHashMap<>(config);
    }

    public int vmid() {
        return vmid;
    }

    public GuestType type() {
        return type;
    }

    public String node() {
        return node;
    }

    public void moveTo(String newNode) {
        this.node = newNode;
    }

    /** {@code qemu/100} as in {@code /cluster/resources}. */
    public String resourceId() {
        return type.apiName() + "/" + vmid;
    }

    public String haSid() {
        return type.haPrefix() + ":" + vmid;
    }

    public Map<String, String> config() {
        return config;
    }

    public String name() {
        String name = config.get(type == GuestType.QEMU ? "name" : "hostname");
        return name != null ? name : (type == GuestType.QEMU ? "VM " : "CT") + vmid;
    }

    public String lock() {
        return config.get("lock");
    }

    public void setLock(String lock) {
        if (lock == null) {
            config.remove("lock");
        } else {
            config.put("lock", lock);
        }
    }

    public boolean template() {
        return "1".equals(config.get("template"));
    }

    public void markTemplate() {
        config.put("template", "1");
    }

    public String tags() {
        return config.get("tags");
    }

    public String pool() {
        return pool;
    }

    public void setPool(String pool) {
        this.pool = pool;
    }

    public boolean running() {
        return running;
    }

    public boolean paused() {
        return paused;
    }

    public void start(long now) {
        running = true;
        paused = false;
        startedAt = now;
    }

    public void stop() {
        running = false;
        paused = false;
    }

    public void pause(boolean value) {
        paused = value;
    }

    public long uptime(long now) {
        return running ? Math.max(0, now - startedAt) : 0;
    }

    public int cores() {
        int cores = parseInt(config.get("cores"), 1);
        return type == GuestType.QEMU ? cores * parseInt(config.get("sockets"), 1) : cores;
    }

    public long memoryBytes() {
        return parseInt(config.get("memory"), 512) * Sizes.MIB;
    }

    public boolean onboot() {
        return "1".equals(config.get("onboot"));
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The snapshot the current state descends from ({@code parent} in the config). */
    public String parent() {
        return config.get("parent");
    }

    public void setParent(String parent) {
        if (parent == null) {
            config.remove("parent");
        } else {
            config.put("parent", parent);
        }
    }

    public LinkedHashMap<String, Snapshot> snapshots() {
        return snapshots;
    }

    public boolean isDiskKey(String key) {
        String value = config.get(key);
        if (value == null || value.contains("media=cdrom")) {
            return false;
        }
        return (type == GuestType.QEMU ? QEMU_DISK : LXC_DISK).matcher(key).matches();
    }

    /** The guest's disks in config order. */
    public List<Disk> disks() {
        List<Disk> disks = new ArrayList<>();
        for (Map.Entry<String, String> entry : config.entrySet()) {
            if (isDiskKey(entry.getKey())) {
                disks.add(Disk.parse(entry.getKey(), entry.getValue()));
            }
        }
        return disks;
    }

    public Disk disk(String key) {
        return isDiskKey(key) ? Disk.parse(key, config.get(key)) : null;
    }

    public long totalDiskBytes() {
        long sum = 0;
        for (Disk d : disks()) {
            sum += d.size();
        }
        return sum;
    }

    /** The config without snapshot sections, as {@code GET .../config} returns it. */
    public Map<String, String> currentConfig() {
        return new LinkedHashMap<>(config);
    }

    /** SHA-1 over the config text, like the {@code digest} PVE adds to every config read. */
    public String digest() {
        StringBuilder text = new StringBuilder();
        config.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One disk line: {@code scsi0: local-lvm:vm-100-disk-0,iothread=1,size=32G}. */
    public record Disk(String key, String volid, long size, String line) {

        static Disk parse(String key, String line) {
            String[] parts = line.split(",");
            long size = 0;
            for (String part : parts) {
                if (part.startsWith("size=")) {
                    size = Sizes.parse(part.substring(5));
                }
            }
            return new Disk(key, parts[0], size, line);
        }

        public String storage() {
            int colon = volid.indexOf(':');
            return colon < 0 ? volid : volid.substring(0, colon);
        }

        /** The same disk line with another size (and optionally another volume). */
        public String withSize(long bytes) {
            String replaced = line.replaceAll("size=[^,]*", "size=" + Sizes.format(bytes));
            return replaced.contains("size=") ? replaced : replaced + ",size=" + Sizes.format(bytes);
        }

        public String withVolume(String newVolid) {
            return newVolid + line.substring(volid.length());
        }
    }
}
