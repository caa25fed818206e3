package io.pveflow.pve.client.model;

/** One guest of {@code GET /nodes/{node}/qemu} or {@code /lxc}. */
public record GuestSummary(int vmid, String name, String status, String qmpstatus, String lock, String tags,
        Boolean template, Double cpus, Double cpu, Long mem, Long maxmem, Long disk, Long maxdisk, Long uptime,
        Long netin, Long netout) {

    public boolean isRunning() {
        return "running".equals(status);
    }

    public boolean isTemplate() {
        return Boolean.TRUE.equals(template);
    }
}
