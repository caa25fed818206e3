package io.pveflow.sim.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A storage of {@code storage.cfg}. Shared storages have one pool of space and volumes for the whole
 * cluster; local ones have one per node (key = node name).
 */
public final class Storage {

    private final String id;
    private final String type;
    private final Set<String> content;
    private final boolean shared;
    private final List<String> nodes;
    private final String path;
    private final Map<String, StoragePool> pools = new LinkedHashMap<>();

    Storage(String id, String type, Set<String> content, boolean shared, List<String> nodes, String path) {
        this.id = id;
        this.type = type;
        this.content = content;
        this.shared = shared;
        this.nodes = nodes;
        this.path = path;
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public Set<String> content() {
        return content;
    }

    /** {@code images,rootdir} sorted as PVE prints it. */
    public String contentText() {
        return String.join(",", new java.util.TreeSet<>(content));
    }

    public boolean shared() {
        return shared;
    }

    /** Nodes where the storage is available ({@code nodes} in storage.cfg); empty means all. */
    public List<String> nodes() {
        return nodes;
    }

    public boolean availableOn(String node) {
        return nodes.isEmpty() || nodes.contains(node);
    }

    public String path() {
        return path;
    }

    public boolean supports(String contentType) {
        return content.contains(contentType);
    }

    /** The space and volumes seen from a node: the one shared pool, or the node's own. */
    public StoragePool pool(String node) {
        return pools.get(shared ? "" : node);
    }

    Map<String, StoragePool> pools() {
        return pools;
    }

    void addPool(String key, StoragePool pool) {
        pools.put(key, pool);
    }

    public boolean thin() {
        return Set.of("lvmthin", "zfspool", "rbd", "zfs").contains(type);
    }
}
