package io.pveflow.server.approvals;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.flowable.common.engine.api.FlowableIllegalArgumentException;
import org.flowable.common.engine.api.delegate.Expression;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.DelegateHelper;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.impl.util.ProcessDefinitionUtil;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import io.pveflow.server.audit.AuditLog;
import io.pveflow.server.engine.AfterCommit;
import io.pveflow.server.notifications.ApprovalNotifications;
import io.pveflow.server.notifications.ApprovalNotifications.TaskFacts;

/**
 * {@code ${approvalTimeout}}: the step after an approval's interrupting boundary timer. Applies the timeout
 * policy (field {@code policy}: {@code fail}, {@code auto_approve}, {@code auto_reject} or {@code skip}) by
 * writing the approval's decision variables for field {@code approval} (the user task's id):
 * {@code approve}, {@code reject}, {@code skipped} or {@code timed-out}, with {@code _by} = {@code system}. The
 * template's decision gateway then continues (approve, skipped), takes the reject path, or ends the run with
 * the error end event {@code APPROVAL_TIMED_OUT} (fail). Records {@code approval-timed-out} in the audit log and
 * tells the cluster's {@code approval-timed-out} rules after the commit.
 */
@Component("approvalTimeout")
public class ApprovalTimeout implements JavaDelegate {

    enum Policy {
        FAIL(ApprovalForm.TIMED_OUT), AUTO_APPROVE(ApprovalForm.APPROVE), AUTO_REJECT(ApprovalForm.REJECT), SKIP(ApprovalForm.SKIPPED);

        final String decision;

        Policy(String decision) {
            this.decision = decision;
        }

        static Policy parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new FlowableIllegalArgumentException("approvalTimeout: policy must be one of fail, auto_approve, "
                        + "auto_reject, skip; got '" + value + "'");
            }
        }
    }

    private final AuditLog audit;
    private final HistoryService history;
    private final RuntimeService runtime;
    private final ApprovalNotifications notifications;

    public ApprovalTimeout(AuditLog audit, @Lazy HistoryService history, @Lazy RuntimeService runtime,
                           ApprovalNotifications notifications) {
        this.audit = audit;
        this.history = history;
        this.runtime = runtime;
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String approval = required(execution, "approval");
        Policy policy = Policy.parse(required(execution, "policy"));
        String comment = switch (policy) {
            case FAIL -> "No decision in time: the run fails";
            case AUTO_APPROVE -> "No decision in time: approved automatically";
            case AUTO_REJECT -> "No decision in time: rejected automatically";
            case SKIP -> "No decision in time: approval skipped";
        };
        Map<String, Object> variables = new java.util.LinkedHashMap<>(
                ApprovalForm.decided(approval, policy.decision, comment, "system", Instant.now()));
        variables.put(ApprovalForm.variable(approval, "timedOut"), Boolean.TRUE);
        execution.setVariables(variables);

        List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(approval)
                .orderByHistoricTaskInstanceStartTime().desc().listPage(0, 1);
        String taskId = tasks.isEmpty() ? null : tasks.get(0).getId();
        String taskName = tasks.isEmpty() ? approval : tasks.get(0).getName();
        String outcome = "policy " + policy.name().toLowerCase(Locale.ROOT) + ": " + comment;
        audit.record("system", "approval-timed-out", "task", taskId, execution.getTenantId(),
                "task=" + approval + " run=" + execution.getProcessInstanceId() + " policy="
                        + policy.name().toLowerCase(Locale.ROOT) + " decision=" + policy.decision);
        if (execution.getTenantId() != null && !execution.getTenantId().isBlank()) {
            ProcessDefinition definition = ProcessDefinitionUtil.getProcessDefinition(execution.getProcessDefinitionId());
            TaskFacts facts = new TaskFacts(execution.getTenantId(), definition.getKey(), definition.getName(),
                    execution.getProcessInstanceId(), execution.getProcessInstanceBusinessKey(), approval, taskName,
                    taskId, null);
            AfterCommit.run("notify that approval " + approval + " timed out", () -> notifications.timedOut(facts, outcome));
        }
    }

    static String required(DelegateExecution execution, String field) {
        String value = optional(execution, field);
        if (value == null || value.isBlank()) {
            throw new FlowableIllegalArgumentException("Step '" + execution.getCurrentActivityId() + "' needs the field '"
                    + field + "'");
        }
        return value;
    }

    static String optional(DelegateExecution execution, String field) {
        Expression expression = DelegateHelper.getFieldExpression(execution, field);
        if (expression == null) {
            return null;
        }
        Object value = expression.getValue(execution);
        return value == null ? null : value.toString();
    }
}
