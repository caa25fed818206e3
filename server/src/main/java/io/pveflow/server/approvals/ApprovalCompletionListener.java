package io.pveflow.server.approvals;

import java.time.Instant;

import org.flowable.common.engine.api.FlowableIllegalArgumentException;
import org.flowable.common.engine.api.delegate.event.AbstractFlowableEventListener;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.task.service.impl.persistence.entity.TaskEntity;

/**
 * Holds approvals completed through any API (Flowable's REST task endpoints, the Java API) to the same rules as
 * {@code /api/tasks}: a task with the approval form completes only with {@code <taskId>_decision} approve or
 * reject, and a comment when rejecting; who and when are recorded ({@code _by}, {@code _at}). A refusal is a
 * {@link FlowableIllegalArgumentException} (400 through Flowable's REST API) and completes nothing.
 */
class ApprovalCompletionListener extends AbstractFlowableEventListener {

    static final String EVENT_TYPES = FlowableEngineEventType.TASK_COMPLETED.name();

    @Override
    public void onEvent(FlowableEvent event) {
        if (!(event instanceof FlowableEntityEvent entityEvent) || !(entityEvent.getEntity() instanceof TaskEntity task)
                || !ApprovalForm.KEY.equals(task.getFormKey()) || task.getExecutionId() == null) {
            return;
        }
        String key = task.getTaskDefinitionKey();
        String decisionName = ApprovalForm.variable(key, "decision");
        Object decision = task.getVariable(decisionName);
        if (!ApprovalForm.APPROVE.equals(decision) && !ApprovalForm.REJECT.equals(decision)) {
            throw new FlowableIllegalArgumentException("Approval '" + key + "' completes only with the variable "
                    + decisionName + " = 'approve' or 'reject' (got " + (decision == null ? "none" : "'" + decision + "'") + ")");
        }
        Object comment = task.getVariable(ApprovalForm.variable(key, "comment"));
        if (ApprovalForm.REJECT.equals(decision) && (comment == null || comment.toString().isBlank())) {
            throw new FlowableIllegalArgumentException("Approval '" + key + "': a rejection needs a comment in "
                    + ApprovalForm.variable(key, "comment"));
        }
        String user = Authentication.getAuthenticatedUserId();
        task.setVariable(ApprovalForm.variable(key, "by"), user == null ? "system" : user);
        task.setVariable(ApprovalForm.variable(key, "at"), Instant.now().toString());
    }

    @Override
    public boolean isFailOnException() {
        return true;
    }
}
