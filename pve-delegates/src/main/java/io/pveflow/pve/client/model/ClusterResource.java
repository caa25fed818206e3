package io.pveflow.pve.client.model;

import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.GuestType;

/** One entry of {@code GET /cluster/resources}: a guest ({@code qemu}/{@code lxc}), node, storage, pool or SDN. */
public record ClusterResource(String id, String type, String node, Integer vmid, String name, String status,
        String pool, String tags, Boolean template, String lock, String hastate, String storage, String content,
        String plugintype, Boolean shared, Double cpu, Double maxcpu, Long mem, Long maxmem, Long disk, Long maxdisk,
        Long uptime, String level) {

    public boolean isGuest() {
        return "qemu".equals(type) || "lxc".equals(type);
    }

    /** The guest's address; only for {@link #isGuest()} entries. */
    public GuestRef guest() {
        if (!isGuest()) {
            throw new IllegalStateException(id + " is not a guest");
        }
        return new GuestRef(node, GuestType.of(type), vmid);
    }

    public boolean isTemplate() {
        return Boolean.TRUE.equals(template);
    }
}
