package io.pveflow.server.approvals;

import org.flowable.common.engine.api.delegate.event.AbstractFlowableEventListener;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.engine.impl.util.ProcessDefinitionUtil;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.task.api.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

import io.pveflow.server.engine.AfterCommit;
import io.pveflow.server.notifications.ApprovalNotifications;
import io.pveflow.server.notifications.ApprovalNotifications.TaskFacts;

/**
 * A user task of a cluster's run was created: after the commit, the cluster's {@code approval-waiting} rules
 * are told, with a signed link to the task. Never throws into the engine.
 */
class TaskWaitingListener extends AbstractFlowableEventListener {

    static final String EVENT_TYPES = FlowableEngineEventType.TASK_CREATED.name();
    private static final Logger log = LoggerFactory.getLogger(TaskWaitingListener.class);

    private final ObjectProvider<ApprovalNotifications> notifications;
    private final ObjectProvider<TaskLinks> links;

    TaskWaitingListener(ObjectProvider<ApprovalNotifications> notifications, ObjectProvider<TaskLinks> links) {
        this.notifications = notifications;
        this.links = links;
    }

    @Override
    public void onEvent(FlowableEvent event) {
        try {
            if (!(event instanceof FlowableEntityEvent entityEvent) || !(entityEvent.getEntity() instanceof Task task)
                    || task.getProcessInstanceId() == null || task.getTenantId() == null || task.getTenantId().isBlank()) {
                return;
            }
            ProcessDefinition definition = ProcessDefinitionUtil.getProcessDefinition(task.getProcessDefinitionId());
            ExecutionEntity run = CommandContextUtil.getExecutionEntityManager().findById(task.getProcessInstanceId());
            TaskFacts facts = new TaskFacts(task.getTenantId(), definition.getKey(), definition.getName(),
                    task.getProcessInstanceId(), run == null ? null : run.getBusinessKey(), task.getTaskDefinitionKey(),
                    task.getName(), task.getId(), links.getObject().linkTo(task.getId()));
            AfterCommit.run("notify that task " + task.getId() + " waits", () -> notifications.getObject().waiting(facts));
        } catch (RuntimeException e) {
            log.warn("Could not take a new task for notifications: {}", e.toString());
        }
    }

    @Override
    public boolean isFailOnException() {
        return false;
    }
}
