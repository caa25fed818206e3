package io.pveflow.server.notifications;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.ActivityFailure;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;

/**
 * {@code notify}: sends a message through one of the cluster's notifiers. {@code {name}} placeholders in the
 * subject and message take the run's variables ({@code ${...}} and {@code js{...}} work as in every field).
 * Delivery retries with backoff inside {@link NotificationService}; when it still fails the step raises the
 * BPMN error {@code NOTIFY_FAILED} (catchable; uncaught it becomes an incident), so no message is lost silently.
 */
@Component("notify")
public class NotifyActivity extends PveActivity {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("notify", "Notify", "Utilities", "bell",
            "Sends a message through a notifier configured for the cluster (Slack, Telegram, e-mail, webhook, ntfy, Gotify).",
            List.of(
                    FieldSpec.of("notifier", "Notifier", FieldType.STRING).mandatory().picker("notifiers")
                            .help("The name of a notifier configured for this cluster"),
                    FieldSpec.of("subject", "Subject", FieldType.STRING).mandatory().help("{name} takes the variable 'name'"),
                    FieldSpec.of("message", "Message", FieldType.STRING).mandatory().help("{name} takes the variable 'name'"),
                    ActivityDescriptor.resultVariableField("notification")),
            "notification", "{deliveryId, status, attempts}", false);

    private final NotificationService notifications;

    public NotifyActivity(PveClientRegistry clients, TaskWaits waits, NotificationService notifications) {
        super(DESCRIPTOR, clients, waits);
        this.notifications = notifications;
    }

    @Override
    protected boolean needsCluster() {
        return false;
    }

    @Override
    protected Outcome run(ActivityContext context) {
        Map<String, Object> variables = context.execution().getVariables();
        DeliveryResult result = notifications.send(context.execution().getTenantId(), context.fields().string("notifier"),
                fill(context.fields().string("subject"), variables), fill(context.fields().string("message"), variables));
        if (!result.delivered()) {
            throw new ActivityFailure("NOTIFY_FAILED", "Notification " + result.deliveryId() + " was not delivered after "
                    + result.attempts() + " attempt(s): " + result.error());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("deliveryId", result.deliveryId());
        summary.put("status", result.status().name());
        summary.put("attempts", result.attempts());
        return Outcome.done(summary);
    }

    static String fill(String template, Map<String, Object> variables) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = variables.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null && !variables.containsKey(m.group(1))
                    ? m.group() : String.valueOf(value)));
        }
        return m.appendTail(out).toString();
    }
}
