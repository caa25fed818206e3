package io.pveflow.server.executions;

import java.time.Instant;

/** What the list is narrowed to; null means any. */
record ExecutionFilter(String clusterId, String processKey, Integer version, ExecutionStatus status, String startedBy,
                       Instant from, Instant to, String businessKey, int page, int size) {
}
