package io.pveflow.server.notifications;

import java.time.Instant;
import java.util.List;

/**
 * "When {@code event} happens to a run of {@code processDefinitionKey} (any process when null), send a
 * message through each of {@code notifiers}".
 */
public record NotificationRule(
        String id,
        String clusterId,
        NotificationEvent event,
        String processDefinitionKey,
        List<String> notifiers,
        boolean enabled,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    public NotificationRule {
        notifiers = List.copyOf(notifiers);
    }

    boolean matches(String key) {
        return enabled && (processDefinitionKey == null || processDefinitionKey.equals(key));
    }
}
