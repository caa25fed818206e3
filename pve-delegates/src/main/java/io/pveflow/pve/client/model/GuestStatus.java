package io.pveflow.pve.client.model;

import java.util.Map;

/** {@code GET .../status/current}: {@code status} is {@code running} or {@code stopped}; {@code ha} when HA-managed. */
public record GuestStatus(Integer vmid, String name, String status, String qmpstatus, String lock, String tags,
        Boolean template, Double cpus, Double cpu, Long mem, Long maxmem, Long disk, Long maxdisk, Long uptime,
        Long pid, Map<String, Object> ha) {

    public boolean isRunning() {
        return "running".equals(status);
    }

    /** Whether HA manages the guest (then start/stop only ask HA, which acts a little later). */
    public boolean isHaManaged() {
        return ha != null && Boolean.TRUE.equals(asBoolean(ha.get("managed")));
    }

    private static Boolean asBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value != null && !"0".equals(String.valueOf(value)) && !"false".equals(String.valueOf(value));
    }
}
