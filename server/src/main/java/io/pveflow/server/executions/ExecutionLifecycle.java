package io.pveflow.server.executions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.delegate.event.FlowableCancelledEvent;
import org.flowable.engine.impl.util.ProcessDefinitionUtil;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.pveflow.server.engine.AfterCommit;
import io.pveflow.server.web.InvalidInputException;

/**
 * Keeps {@code execution} in step with the engine, inside the engine's transaction: a run that starts some other
 * way (Flowable's REST or Java API, the library) gets its row; a run that ends is marked completed, failed (an
 * error end event) or cancelled, gets its history expiry, and wakes its cluster's queue once the end is committed.
 */
@Configuration(proxyBeanMethods = false)
class ExecutionLifecycle {

    static final List<FlowableEngineEventType> TYPES = List.of(FlowableEngineEventType.PROCESS_STARTED,
            FlowableEngineEventType.PROCESS_COMPLETED, FlowableEngineEventType.PROCESS_COMPLETED_WITH_TERMINATE_END_EVENT,
            FlowableEngineEventType.PROCESS_COMPLETED_WITH_ERROR_END_EVENT, FlowableEngineEventType.PROCESS_CANCELLED);

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> executionLifecycleEvents(
            ExecutionRepository executions, ObjectProvider<ProcessSettingsCache> settings,
            ObjectProvider<QueueDispatcher> dispatcher,
            @Value("${pveflow.executions.retention:P180D}") Duration defaultRetention) {
        return engine -> {
            Map<String, List<FlowableEventListener>> typed = engine.getTypedEventListeners() == null
                    ? new HashMap<>() : new HashMap<>(engine.getTypedEventListeners());
            String types = String.join(",", TYPES.stream().map(Enum::name).toList());
            List<FlowableEventListener> listeners = new ArrayList<>(typed.getOrDefault(types, List.of()));
            listeners.add(new Listener(executions, settings, dispatcher, defaultRetention));
            typed.put(types, listeners);
            engine.setTypedEventListeners(typed);
        };
    }

    private record Listener(ExecutionRepository executions, ObjectProvider<ProcessSettingsCache> settings,
                            ObjectProvider<QueueDispatcher> dispatcher, Duration defaultRetention)
            implements FlowableEventListener {

        @Override
        public void onEvent(FlowableEvent event) {
            if (!(event instanceof FlowableEngineEvent engineEvent) || engineEvent.getProcessInstanceId() == null) {
                return;
            }
            String runId = engineEvent.getProcessInstanceId();
            FlowableEngineEventType type = (FlowableEngineEventType) event.getType();
            Instant now = Instant.now();
            switch (type) {
                case PROCESS_STARTED -> started(engineEvent, now);
                case PROCESS_COMPLETED, PROCESS_COMPLETED_WITH_TERMINATE_END_EVENT ->
                        ended(runId, engineEvent.getProcessDefinitionId(), ExecutionRow.COMPLETED, null, now);
                case PROCESS_COMPLETED_WITH_ERROR_END_EVENT ->
                        ended(runId, engineEvent.getProcessDefinitionId(), ExecutionRow.FAILED, "Ended by an error end event", now);
                case PROCESS_CANCELLED -> {
                    String reason = event instanceof FlowableCancelledEvent cancelled && cancelled.getCause() != null
                            ? String.valueOf(cancelled.getCause()) : null;
                    ended(runId, engineEvent.getProcessDefinitionId(), ExecutionRow.CANCELLED, reason, now);
                }
                default -> {
                }
            }
        }

        private void started(FlowableEngineEvent event, Instant now) {
            if (!(event instanceof FlowableEngineEntityEvent entityEvent) || !(entityEvent.getEntity() instanceof ExecutionEntity execution)) {
                return;
            }
            // the event may carry the start event's child execution: what counts is its process instance
            ExecutionEntity run = execution.isProcessInstanceType() ? execution : execution.getProcessInstance();
            if (run == null || run.getSuperExecutionId() != null || executions.find(run.getId()).isPresent()) {
                return; // ours already (started through the API), or a called sub-process shown within its parent
            }
            ProcessDefinition definition = ProcessDefinitionUtil.getProcessDefinition(run.getProcessDefinitionId());
            ProcessSettings declared = settings.getObject().of(definition.getId());
            String group;
            try {
                group = declared.groupFor(run.getVariables());
            } catch (InvalidInputException e) {
                group = null; // started around PVEFlow's API without the group's variables: it holds no slot
            }
            String actor = Authentication.getAuthenticatedUserId();
            executions.insert(new ExecutionRow(run.getId(), run.getTenantId() == null ? "" : run.getTenantId(), definition.getKey(),
                    definition.getName(), definition.getId(), definition.getVersion(), run.getBusinessKey(),
                    actor == null ? "system" : actor, startedVia(), ExecutionRow.ACTIVE, now, now, null, null, null, null,
                    group, group == null ? null : declared.limit(), declared.exclusive(), null, null), null);
        }

        private void ended(String runId, String definitionId, String state, String message, Instant now) {
            Duration retention = definitionId == null ? null : settings.getObject().of(definitionId).retention();
            Duration keep = retention != null ? retention : defaultRetention;
            Instant expires = keep == null || keep.isZero() ? null : now.plus(keep);
            if (!executions.markEnded(runId, state, now, message, expires)) {
                return;
            }
            executions.find(runId).ifPresent(row -> AfterCommit.run("wake the queue of cluster " + row.clusterId(),
                    () -> dispatcher.getObject().wake(row.clusterId())));
        }

        private static String startedVia() {
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
                HttpServletRequest request = attributes.getRequest();
                return request.getRequestURI().startsWith(request.getContextPath() + "/process-api") ? "process-api" : "api";
            }
            return "engine";
        }

        @Override
        public boolean isFailOnException() {
            return true; // a run whose record cannot be written does not start or end
        }

        @Override
        public boolean isFireOnTransactionLifecycleEvent() {
            return false;
        }

        @Override
        public String getOnTransaction() {
            return null;
        }
    }
}
