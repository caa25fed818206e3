package io.pveflow.server.notifications;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A delivery as the API shows it; {@code attemptLog} only when one delivery is asked for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
        String id,
        String clusterId,
        String notifier,
        NotifierType notifierType,
        String origin,
        String subject,
        DeliveryStatus status,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant updatedAt,
        Instant nextAttemptAt,
        Instant finishedAt,
        List<Attempt> attemptLog) {

    /** One attempt: DELIVERED, RETRYING (a transient failure, another attempt follows) or FAILED. */
    public record Attempt(int attempt, Instant startedAt, Instant finishedAt, String outcome, String error) {
    }

    DeliveryView withAttempts(List<Attempt> attempts) {
        return new DeliveryView(id, clusterId, notifier, notifierType, origin, subject, status, this.attempts,
                lastError, createdAt, updatedAt, nextAttemptAt, finishedAt, attempts);
    }
}
