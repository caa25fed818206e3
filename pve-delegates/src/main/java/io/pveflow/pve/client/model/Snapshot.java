package io.pveflow.pve.client.model;

/** One entry of a guest's snapshot list. Proxmox adds a pseudo-entry {@code current} for the live state. */
public record Snapshot(String name, String description, String parent, Long snaptime, Boolean vmstate) {

    /** The pseudo-entry for "now", not a snapshot. */
    public boolean isCurrent() {
        return "current".equals(name);
    }
}
