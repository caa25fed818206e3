package io.pveflow.server.executions;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A run as the list shows it: never its variables. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionSummary(String id, String clusterId, String processKey, String processName, int version,
                               String processDefinitionId, String status, String waitingOn, String businessKey,
                               String startedBy, String startedVia, Instant createdAt, Instant startedAt, Instant endedAt,
                               Long durationMs, String message, String concurrencyGroup, String cancelledBy,
                               String cancelReason, String resumedFrom) {
}
