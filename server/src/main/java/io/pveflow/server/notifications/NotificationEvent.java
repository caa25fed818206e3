package io.pveflow.server.notifications;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a notification rule reacts to; in JSON as {@code run-failed}, {@code run-completed},
 * {@code approval-waiting}, {@code approval-timed-out}. Run events come from {@link RunEventListener}, approval
 * events from the approvals package through {@link ApprovalNotifications}.
 */
public enum NotificationEvent {

    /** A run failed: a job of it ran out of retries (moved to the dead-letter jobs), or it ended by an error. */
    RUN_FAILED,
    /** A run reached its end. */
    RUN_COMPLETED,
    /** A user task (an approval or another form task) was created and waits for someone to act on it. */
    APPROVAL_WAITING,
    /** An approval got no decision within its timeout; its timeout policy applied. */
    APPROVAL_TIMED_OUT;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static NotificationEvent parse(String value) {
        return NotificationEvent.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
