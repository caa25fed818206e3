package io.pveflow.server.notifications;

import java.util.List;

import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends what the notification rules ask for when a run event happened, on the notification threads (never on
 * the engine's): one message per matching rule and notifier, each recorded and retried like any other.
 */
@Component
class RunNotifier {

    private static final Logger log = LoggerFactory.getLogger(RunNotifier.class);

    private final RuleRepository rules;
    private final NotificationService notifications;
    private final ManagementService management;

    RunNotifier(RuleRepository rules, NotificationService notifications, ManagementService management) {
        this.rules = rules;
        this.notifications = notifications;
        this.management = management;
    }

    void onRunEvent(RunEvent event) {
        notifications.execute(() -> dispatch(event));
    }

    /** Sends one event straight to the named notifiers (no rules), e.g. an approval's reminder or escalation. */
    void sendTo(RunEvent event, List<String> notifierNames, String subject) {
        notifications.execute(() -> {
            String text = describe(event);
            for (String notifier : notifierNames) {
                try {
                    notifications.sendForOrigin(event.clusterId(), notifier, subject, text,
                            "task:" + event.taskId(), event.toMap());
                } catch (RuntimeException e) {
                    log.warn("Could not notify '{}' of cluster '{}' about task {}: {}", notifier, event.clusterId(),
                            event.taskId(), e.toString());
                }
            }
        });
    }

    private void dispatch(RunEvent event) {
        try {
            List<NotificationRule> matching = rules.enabledFor(event.clusterId(), event.type()).stream()
                    .filter(rule -> rule.matches(event.processDefinitionKey()))
                    .toList();
            if (matching.isEmpty()) {
                return;
            }
            RunEvent complete = event.jobId() != null ? withDeadLetterError(event) : event;
            String subject = subject(complete);
            String text = describe(complete);
            for (NotificationRule rule : matching) {
                for (String notifier : rule.notifiers()) {
                    try {
                        notifications.sendForRule(complete.clusterId(), notifier, subject, text, rule.id(),
                                complete.toMap());
                    } catch (RuntimeException e) {
                        log.warn("Rule {} of cluster '{}' could not notify '{}' of run {}: {}", rule.id(),
                                complete.clusterId(), notifier, complete.processInstanceId(), e.toString());
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not apply notification rules of cluster '{}' to run {}: {}", event.clusterId(),
                    event.processInstanceId(), e.toString());
        }
    }

    /** The dead-letter job carries the failure message, set after the engine reported the move. */
    private RunEvent withDeadLetterError(RunEvent event) {
        try {
            List<Job> jobs = management.createDeadLetterJobQuery().processInstanceId(event.processInstanceId()).list();
            return jobs.stream()
                    .filter(job -> event.elementId() == null || event.elementId().equals(job.getElementId()))
                    .filter(job -> job.getExceptionMessage() != null)
                    .reduce((first, later) -> later.getCreateTime() != null && first.getCreateTime() != null
                            && later.getCreateTime().after(first.getCreateTime()) ? later : first)
                    .map(job -> event.withError(job.getExceptionMessage()))
                    .orElse(event);
        } catch (RuntimeException e) {
            return event;
        }
    }

    static String subject(RunEvent event) {
        String process = event.processDefinitionName() != null && !event.processDefinitionName().isBlank()
                ? event.processDefinitionName() : String.valueOf(event.processDefinitionKey());
        String what = switch (event.type()) {
            case RUN_FAILED -> "failed";
            case RUN_COMPLETED -> "completed";
            case APPROVAL_WAITING, APPROVAL_TIMED_OUT -> null;
        };
        if (what == null) {
            String task = event.elementName() != null && !event.elementName().isBlank() ? event.elementName() : event.elementId();
            return "[" + event.clusterId() + "] " + (event.type() == NotificationEvent.APPROVAL_WAITING
                    ? "Waiting for you: " : "Timed out: ") + task + " in " + process;
        }
        return "[" + event.clusterId() + "] Run of " + process + " " + what;
    }

    static String describe(RunEvent event) {
        StringBuilder text = new StringBuilder();
        text.append(switch (event.type()) {
            case RUN_FAILED -> "A run failed and needs attention.";
            case RUN_COMPLETED -> "A run completed.";
            case APPROVAL_WAITING -> "A task waits for a decision.";
            case APPROVAL_TIMED_OUT -> "An approval got no decision in time.";
        }).append('\n');
        line(text, "Cluster", event.clusterId());
        line(text, "Process", event.processDefinitionName() == null ? event.processDefinitionKey()
                : event.processDefinitionName() + " (" + event.processDefinitionKey() + ")");
        line(text, "Run", event.processInstanceId());
        line(text, "Business key", event.businessKey());
        line(text, "Step", event.elementName() == null ? event.elementId()
                : event.elementName() + " (" + event.elementId() + ")");
        line(text, "Error", event.error());
        line(text, "Task", event.taskId());
        line(text, "Outcome", event.detail());
        line(text, "Open", event.link());
        line(text, "At", event.at().toString());
        return text.toString().stripTrailing();
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append(label).append(": ").append(value).append('\n');
        }
    }
}
