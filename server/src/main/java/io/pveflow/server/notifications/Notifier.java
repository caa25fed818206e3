package io.pveflow.server.notifications;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A notifier as stored, without its secrets: {@code settings} are the non-secret settings,
 * {@code secretsSet} names the secret settings that have a value.
 */
public record Notifier(
        String clusterId,
        String name,
        NotifierType type,
        String description,
        boolean enabled,
        Map<String, Object> settings,
        Set<String> secretsSet,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        long version) {

    public Notifier {
        settings = Map.copyOf(settings);
        secretsSet = Set.copyOf(secretsSet);
    }
}
