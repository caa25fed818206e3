package io.pveflow.server.audit;

import java.time.Instant;

/** One recorded user action. {@code details} is a short text that never holds secrets. */
public record AuditEvent(String id, Instant occurredAt, String actor, String action, String targetType, String targetId,
                         String clusterId, String remoteAddr, String details) {
}
