package io.pveflow.pve.client.model;

import java.util.List;
import java.util.Map;

/** {@code GET /nodes/{node}/status}, the commonly used part. */
public record NodeStatus(Long uptime, Double cpu, List<String> loadavg, String pveversion, String kversion,
        Usage memory, Usage swap, Usage rootfs, Map<String, Object> cpuinfo) {

    /** Bytes: total, used, free (and available, for file systems). */
    public record Usage(Long total, Long used, Long free, Long avail) {
    }
}
