package io.pveflow.pve.client.model;

import io.pveflow.pve.client.PveErrors;

/** One entry of a node's task list; {@code status} is the exit status once ended (absent while running). */
public record TaskSummary(String upid, String node, Long pid, Long pstart, Long starttime, Long endtime, String type,
        String id, String user, String status) {

    public boolean isRunning() {
        return endtime == null && (status == null || status.isEmpty() || "running".equals(status));
    }

    public boolean isSuccess() {
        return !isRunning() && PveErrors.isSuccess(status);
    }
}
