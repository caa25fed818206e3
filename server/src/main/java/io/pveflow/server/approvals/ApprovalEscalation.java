package io.pveflow.server.approvals;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.flowable.common.engine.api.FlowableIllegalArgumentException;
import org.flowable.engine.TaskService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.impl.util.ProcessDefinitionUtil;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.task.api.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import io.pveflow.server.audit.AuditLog;
import io.pveflow.server.engine.AfterCommit;
import io.pveflow.server.notifications.ApprovalNotifications;
import io.pveflow.server.notifications.ApprovalNotifications.TaskFacts;

/**
 * {@code ${approvalEscalation}}: the step after an approval's non-interrupting boundary timer, while the
 * approval still waits. Fields: {@code approval} (the user task's id, required), {@code kind} ({@code reminder},
 * the default, or {@code escalation}), {@code group} (escalation: comma-separated candidate groups added to the
 * waiting task, so they can act on it too) and {@code notifiers} (comma-separated notifier names of the cluster;
 * without them the cluster's {@code approval-waiting} rules are used). Every message carries a signed link to the
 * task.
 */
@Component("approvalEscalation")
public class ApprovalEscalation implements JavaDelegate {

    private final TaskService tasks;
    private final TaskLinks links;
    private final AuditLog audit;
    private final ApprovalNotifications notifications;

    public ApprovalEscalation(@Lazy TaskService tasks, TaskLinks links, AuditLog audit, ApprovalNotifications notifications) {
        this.tasks = tasks;
        this.links = links;
        this.audit = audit;
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String approval = ApprovalTimeout.required(execution, "approval");
        String kind = ApprovalTimeout.optional(execution, "kind");
        kind = kind == null || kind.isBlank() ? "reminder" : kind.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("reminder") && !kind.equals("escalation")) {
            throw new FlowableIllegalArgumentException("approvalEscalation: kind must be reminder or escalation, got '" + kind + "'");
        }
        List<String> groups = list(ApprovalTimeout.optional(execution, "group"));
        List<String> notifiers = list(ApprovalTimeout.optional(execution, "notifiers"));
        ProcessDefinition definition = ProcessDefinitionUtil.getProcessDefinition(execution.getProcessDefinitionId());
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(approval).active().list()) {
            if (kind.equals("escalation")) {
                for (String group : groups) {
                    tasks.addCandidateGroup(task.getId(), group);
                }
            }
            String headline = kind.equals("escalation")
                    ? "Escalated" + (groups.isEmpty() ? "" : " to " + String.join(", ", groups))
                    : "Reminder";
            audit.record("system", "approval-" + (kind.equals("escalation") ? "escalated" : "reminded"), "task",
                    task.getId(), execution.getTenantId(), "task=" + approval + " run=" + execution.getProcessInstanceId()
                            + (groups.isEmpty() ? "" : " groups=" + groups) + (notifiers.isEmpty() ? "" : " notifiers=" + notifiers));
            if (execution.getTenantId() != null && !execution.getTenantId().isBlank()) {
                TaskFacts facts = new TaskFacts(execution.getTenantId(), definition.getKey(), definition.getName(),
                        execution.getProcessInstanceId(), execution.getProcessInstanceBusinessKey(), approval,
                        task.getName(), task.getId(), links.linkTo(task.getId()));
                AfterCommit.run("send the " + kind + " of task " + task.getId(),
                        () -> notifications.remind(facts, headline, notifiers));
            }
        }
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
