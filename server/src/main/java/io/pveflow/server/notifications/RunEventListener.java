package io.pveflow.server.notifications;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.flowable.common.engine.api.delegate.event.AbstractFlowableEventListener;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.impl.context.Context;
import org.flowable.common.engine.impl.interceptor.CommandContext;
import org.flowable.engine.impl.util.ProcessDefinitionUtil;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.job.api.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

import io.pveflow.server.engine.AfterCommit;

/**
 * Turns engine events into {@link RunEvent}s for the notification rules: a job moved to the dead-letter jobs
 * or a run ended by an error is RUN_FAILED, a run that reached its end is RUN_COMPLETED. It only reads what
 * the event carries and hands the facts over once the engine's transaction has committed (a rolled-back step
 * notifies nobody); it never throws into the engine, so notifications can never break a run.
 */
class RunEventListener extends AbstractFlowableEventListener {

    static final String EVENT_TYPES = String.join(",",
            FlowableEngineEventType.JOB_MOVED_TO_DEADLETTER.name(),
            FlowableEngineEventType.PROCESS_COMPLETED_WITH_ERROR_END_EVENT.name(),
            FlowableEngineEventType.PROCESS_COMPLETED.name(),
            FlowableEngineEventType.PROCESS_COMPLETED_WITH_TERMINATE_END_EVENT.name());

    private static final Logger log = LoggerFactory.getLogger(RunEventListener.class);
    private static final String SEEN = RunEventListener.class.getName() + ".seen";

    private final ObjectProvider<RunNotifier> notifier;

    RunEventListener(ObjectProvider<RunNotifier> notifier) {
        this.notifier = notifier;
    }

    @Override
    public void onEvent(FlowableEvent event) {
        try {
            RunEvent run = toRunEvent(event);
            if (run == null || run.clusterId() == null || run.clusterId().isBlank() || firstTime(run) == false) {
                return;
            }
            AfterCommit.run("hand a run event to notifications", () -> handOver(run));
        } catch (RuntimeException e) {
            log.warn("Could not take a run event for notifications: {}", e.toString());
        }
    }

    private static RunEvent toRunEvent(FlowableEvent event) {
        if (!(event instanceof FlowableEntityEvent entityEvent) || !(event.getType() instanceof FlowableEngineEventType type)) {
            return null;
        }
        Object entity = entityEvent.getEntity();
        Instant now = Instant.now();
        switch (type) {
            case JOB_MOVED_TO_DEADLETTER -> {
                if (!(entity instanceof Job job) || job.getProcessInstanceId() == null) {
                    return null;
                }
                String key = null;
                String name = null;
                if (job.getProcessDefinitionId() != null) {
                    ProcessDefinition definition = ProcessDefinitionUtil.getProcessDefinition(job.getProcessDefinitionId());
                    key = definition.getKey();
                    name = definition.getName();
                }
                return new RunEvent(NotificationEvent.RUN_FAILED, job.getTenantId(), key, name,
                        job.getProcessInstanceId(), null, job.getElementId(), job.getElementName(), job.getId(),
                        job.getExceptionMessage(), now);
            }
            case PROCESS_COMPLETED_WITH_ERROR_END_EVENT, PROCESS_COMPLETED, PROCESS_COMPLETED_WITH_TERMINATE_END_EVENT -> {
                if (!(entity instanceof ProcessInstance instance)) {
                    return null;
                }
                boolean failed = type == FlowableEngineEventType.PROCESS_COMPLETED_WITH_ERROR_END_EVENT;
                return new RunEvent(failed ? NotificationEvent.RUN_FAILED : NotificationEvent.RUN_COMPLETED,
                        instance.getTenantId(), instance.getProcessDefinitionKey(), instance.getProcessDefinitionName(),
                        instance.getProcessInstanceId(), instance.getBusinessKey(), null, null, null,
                        failed ? "ended by an error end event" : null, now);
            }
            default -> {
                return null;
            }
        }
    }

    /** One notification per run and event type per engine command (a terminated run reports twice). */
    private static boolean firstTime(RunEvent run) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Set<String> seen = (Set<String>) command.getAttribute(SEEN);
        if (seen == null) {
            seen = new HashSet<>();
            command.addAttribute(SEEN, seen);
        }
        return seen.add(run.type() + ":" + run.processInstanceId());
    }

    private void handOver(RunEvent run) {
        RunNotifier target = notifier.getIfAvailable();
        if (target != null) {
            target.onRunEvent(run);
        }
    }

    @Override
    public boolean isFailOnException() {
        return false;
    }
}
