package io.pveflow.sim.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Capacity and volumes of one storage as one node (or the whole cluster, when shared) sees it. */
public final class StoragePool {

    private final long total;
    private final long baseUsed;
    private final Map<String, Volume> volumes = new LinkedHashMap<>();

    StoragePool(long total, long baseUsed) {
        this.total = total;
        this.baseUsed = baseUsed;
    }

    public long total() {
        return total;
    }

    public long used() {
        long used = baseUsed;
        for (Volume v : volumes.values()) {
            used += v.used();
        }
        return Math.min(used, total);
    }

    public long avail() {
        return Math.max(0, total - used());
    }

    public List<Volume> volumes() {
        return new ArrayList<>(volumes.values());
    }

    public Volume volume(String volid) {
        return volumes.get(volid);
    }

    public void add(Volume volume) {
        volumes.put(volume.volid(), volume);
    }

    public Volume remove(String volid) {
        return volumes.remove(volid);
    }

    public boolean contains(String volid) {
        return volumes.containsKey(volid);
    }
}
