package io.pveflow.pve.client.model;

import io.pveflow.pve.client.PveErrorCode;
import io.pveflow.pve.client.PveErrors;

/**
 * {@code GET /nodes/{node}/tasks/{upid}/status}. {@code status} is {@code running} or {@code stopped}; once
 * stopped, {@code exitstatus} is {@code OK}, {@code WARNINGS: N} or the error text.
 */
public record TaskStatus(String upid, String node, Long pid, Long pstart, Long starttime, String type, String id,
        String user, String tokenid, String status, String exitstatus) {

    public boolean isRunning() {
        return !"stopped".equals(status);
    }

    /** Finished with {@code OK} or {@code WARNINGS: N}. */
    public boolean isSuccess() {
        return !isRunning() && PveErrors.isSuccess(exitstatus);
    }

    /** The failure's code, or null while running or after success. */
    public PveErrorCode errorCode() {
        return isRunning() ? null : PveErrors.classifyExitStatus(exitstatus);
    }
}
