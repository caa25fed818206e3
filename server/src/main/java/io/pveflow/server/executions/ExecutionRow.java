package io.pveflow.server.executions;

import java.time.Instant;

/** One row of {@code execution}, as stored. */
record ExecutionRow(String id, String clusterId, String processKey, String processName, String processDefinitionId,
                    int version, String businessKey, String startedBy, String startedVia, String state,
                    Instant createdAt, Instant startedAt, Instant endedAt, String message, String cancelledBy,
                    String cancelReason, String concurrencyGroup, Integer concurrencyLimit, boolean exclusive,
                    String resumedFrom, String startActivityId) {

    static final String QUEUED = "queued";
    static final String ACTIVE = "active";
    static final String COMPLETED = "completed";
    static final String CANCELLED = "cancelled";
    static final String FAILED = "failed";

    boolean queued() {
        return QUEUED.equals(state);
    }

    boolean active() {
        return ACTIVE.equals(state);
    }

    boolean ended() {
        return !queued() && !active();
    }
}
