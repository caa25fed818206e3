package io.pveflow.server.approvals;

import org.flowable.common.engine.api.FlowableForbiddenException;
import org.flowable.common.engine.api.delegate.event.AbstractFlowableEventListener;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.engine.impl.util.ProcessDefinitionUtil;
import org.flowable.task.api.Task;

/**
 * Enforces {@link SeparationOfDuties} in the engine: assigning a task (claim, delegate, set assignee) to the run's
 * starter, or completing it as the starter, throws {@link FlowableForbiddenException} (a 403 through Flowable's
 * REST API) and rolls the command back. A completion with no signed-in user (a timer, the engine itself) is not
 * a person acting and passes.
 */
class SeparationOfDutiesListener extends AbstractFlowableEventListener {

    static final String EVENT_TYPES = FlowableEngineEventType.TASK_ASSIGNED.name() + ","
            + FlowableEngineEventType.TASK_COMPLETED.name();

    @Override
    public void onEvent(FlowableEvent event) {
        if (!(event instanceof FlowableEntityEvent entityEvent) || !(entityEvent.getEntity() instanceof Task task)
                || task.getProcessInstanceId() == null || task.getProcessDefinitionId() == null) {
            return;
        }
        String who;
        String action;
        if (event.getType() == FlowableEngineEventType.TASK_ASSIGNED) {
            who = task.getAssignee();
            action = "be assigned";
        } else {
            who = Authentication.getAuthenticatedUserId();
            action = "complete";
        }
        if (who == null || !SeparationOfDuties.appliesTo(ProcessDefinitionUtil.getProcess(task.getProcessDefinitionId()))) {
            return;
        }
        ExecutionEntity run = CommandContextUtil.getExecutionEntityManager().findById(task.getProcessInstanceId());
        if (run != null && who.equals(run.getStartUserId())) {
            throw new FlowableForbiddenException(SeparationOfDuties.refusal(who, action));
        }
    }

    @Override
    public boolean isFailOnException() {
        return true; // the refusal must stop the command
    }
}
