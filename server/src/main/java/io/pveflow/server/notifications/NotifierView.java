package io.pveflow.server.notifications;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A notifier as the API shows it: its settings without the secrets, of which only their presence is told. */
public record NotifierView(
        String clusterId,
        String name,
        NotifierType type,
        String description,
        boolean enabled,
        Map<String, Object> settings,
        Map<String, Boolean> secretsSet,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    static NotifierView of(Notifier notifier) {
        Map<String, Boolean> secrets = new TreeMap<>();
        for (String field : notifier.type().secretFields()) {
            secrets.put(field, notifier.secretsSet().contains(field));
        }
        return new NotifierView(notifier.clusterId(), notifier.name(), notifier.type(), notifier.description(),
                notifier.enabled(), new TreeMap<>(notifier.settings()), secrets, notifier.createdAt(),
                notifier.createdBy(), notifier.updatedAt(), notifier.updatedBy());
    }
}
