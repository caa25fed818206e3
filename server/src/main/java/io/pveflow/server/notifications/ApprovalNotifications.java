package io.pveflow.server.notifications;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * How the approvals package reports its events: {@code approval-waiting} and {@code approval-timed-out} go
 * through the cluster's notification rules like run events; reminders and escalations go to the notifiers the
 * process names (or, with none named, through the {@code approval-waiting} rules again). Callers hand events
 * over after the engine's transaction committed; sending happens on the notification threads.
 */
@Component
public class ApprovalNotifications {

    /** The facts of one waiting task; {@code link} is the signed link that opens it in the UI. */
    public record TaskFacts(String clusterId, String processDefinitionKey, String processDefinitionName,
                            String processInstanceId, String businessKey, String taskDefinitionKey, String taskName,
                            String taskId, String link) {
    }

    private final RunNotifier notifier;

    ApprovalNotifications(RunNotifier notifier) {
        this.notifier = notifier;
    }

    public void waiting(TaskFacts task) {
        notifier.onRunEvent(event(NotificationEvent.APPROVAL_WAITING, task, null));
    }

    /** {@code outcome} says what the timeout policy did, e.g. "no decision within PT2H: auto_reject". */
    public void timedOut(TaskFacts task, String outcome) {
        notifier.onRunEvent(event(NotificationEvent.APPROVAL_TIMED_OUT, task, outcome));
    }

    /**
     * A reminder or escalation ({@code headline}, e.g. "Escalated to group ops-leads") sent to {@code notifiers},
     * or through the {@code approval-waiting} rules when none are named.
     */
    public void remind(TaskFacts task, String headline, List<String> notifiers) {
        RunEvent event = event(NotificationEvent.APPROVAL_WAITING, task, headline);
        if (notifiers == null || notifiers.isEmpty()) {
            notifier.onRunEvent(event);
        } else {
            notifier.sendTo(event, notifiers, RunNotifier.subject(event) + " (" + headline + ")");
        }
    }

    private static RunEvent event(NotificationEvent type, TaskFacts task, String detail) {
        return new RunEvent(type, task.clusterId(), task.processDefinitionKey(), task.processDefinitionName(),
                task.processInstanceId(), task.businessKey(), task.taskDefinitionKey(), task.taskName(), null, null,
                Instant.now(), task.taskId(), detail, task.link());
    }
}
