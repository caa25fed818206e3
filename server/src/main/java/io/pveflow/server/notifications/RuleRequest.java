package io.pveflow.server.notifications;

import java.util.List;

/**
 * What an admin sends to add or change a notification rule: {@code event} ({@code run-failed},
 * {@code run-completed}, {@code approval-waiting}, {@code approval-timed-out}), optionally the key of the process it is about (absent: every process of the cluster),
 * the names of the cluster's notifiers to use, and whether it is on (default true).
 */
public record RuleRequest(String event, String processDefinitionKey, List<String> notifiers, Boolean enabled) {
}
