package io.pveflow.pve.client;

import java.util.List;

import io.pveflow.pve.client.http.PveTransport;
import io.pveflow.pve.client.model.RrdPoint;
import io.pveflow.pve.client.model.StorageConfig;
import io.pveflow.pve.client.model.StorageStatus;
import io.pveflow.pve.client.model.StorageVolume;

/** Storages: the cluster's definitions, their state and usage per node, their content. */
public final class Storage {

    private final PveTransport t;

    Storage(PveTransport transport) {
        this.t = transport;
    }

    /** The storage definitions of the cluster, optionally of one type ({@code nfs}, {@code rbd}, ...). */
    public List<StorageConfig> definitions(String type) {
        return t.convertList(t.call("GET", "/storage", Calls.params("type", type)).data(), StorageConfig.class);
    }

    /** The storages a node sees, with usage. {@code content} filters by content type (e.g. {@code backup}). */
    public List<StorageStatus> onNode(String node, String content) {
        return t.convertList(t.call("GET", "/nodes/{node}/storage", Calls.params("node", node, "content", content))
                .data(), StorageStatus.class);
    }

    public StorageStatus status(String node, String storage) {
        StorageStatus s = t.convert(t.call("GET", "/nodes/{node}/storage/{storage}/status",
                Calls.params("node", node, "storage", storage)).data(), StorageStatus.class);
        // the single-storage answer does not repeat the id
        return s.storage() != null ? s : new StorageStatus(storage, s.type(), s.content(), s.active(), s.enabled(),
                s.shared(), s.total(), s.used(), s.avail(), s.usedFraction());
    }

    /**
     * The volumes on a storage.
     *
     * @param content a content type ({@code backup}, {@code iso}, {@code images}, ...) or null for all
     * @param vmid only the volumes of this guest, or null
     */
    public List<StorageVolume> content(String node, String storage, String content, Integer vmid) {
        return t.convertList(t.call("GET", "/nodes/{node}/storage/{storage}/content", Calls.params("node", node,
                "storage", storage, "content", content, "vmid", vmid)).data(), StorageVolume.class);
    }

    public List<RrdPoint> rrd(String node, String storage, Timeframe timeframe, Consolidation cf) {
        return Rrd.points(t, t.call("GET", "/nodes/{node}/storage/{storage}/rrddata", Calls.params("node", node,
                "storage", storage, "timeframe", timeframe.value(), "cf", cf == null ? null : cf.name())));
    }
}
