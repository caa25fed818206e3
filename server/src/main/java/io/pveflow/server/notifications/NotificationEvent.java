package io.pveflow.server.notifications;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a notification rule reacts to; in JSON as {@code run-failed}, {@code run-completed}. Approval events
 * ({@code APPROVAL_WAITING}, {@code APPROVAL_TIMED_OUT}) join when approvals exist: a new constant here, a
 * source that reports it (like {@link RunEventListener}) and a line in {@link RunNotifier#describe}.
 */
public enum NotificationEvent {

    /** A run failed: a job of it ran out of retries (moved to the dead-letter jobs), or it ended by an error. */
    RUN_FAILED,
    /** A run reached its end. */
    RUN_COMPLETED;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static NotificationEvent parse(String value) {
        return NotificationEvent.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
