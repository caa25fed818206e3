package io.pveflow.server.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.flowable.task.api.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Records engine actions a person caused, whichever way in (our API, Flowable's REST API): deployments, run starts,
 * cancellations and task completions. Runs inside the engine's transaction; actions by the engine itself (no
 * signed-in user, e.g. the library at start or a job) are recorded as "system".
 */
@Configuration(proxyBeanMethods = false)
class EngineAudit {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> auditEngineEvents(AuditLog audit) {
        return engine -> {
            Map<String, List<FlowableEventListener>> typed = engine.getTypedEventListeners() == null
                    ? new HashMap<>() : new HashMap<>(engine.getTypedEventListeners());
            String types = String.join(",", TYPES.stream().map(Enum::name).sorted().toList());
            List<FlowableEventListener> listeners = new ArrayList<>(typed.getOrDefault(types, List.of()));
            listeners.add(new Listener(audit));
            typed.put(types, listeners);
            engine.setTypedEventListeners(typed);
        };
    }

    private record Listener(AuditLog audit) implements FlowableEventListener {

        @Override
        public void onEvent(FlowableEvent event) {
            if (!(event instanceof FlowableEngineEntityEvent entityEvent)) {
                return;
            }
            Object entity = entityEvent.getEntity();
            String actor = Authentication.getAuthenticatedUserId();
            String who = actor == null ? "system" : actor;
            if (event.getType() == FlowableEngineEventType.ENTITY_CREATED && entity instanceof Deployment deployment) {
                audit.record(who, "deploy", "deployment", deployment.getId(), deployment.getTenantId(),
                        "name=" + deployment.getName());
            } else if (event.getType() == FlowableEngineEventType.PROCESS_STARTED && entity instanceof ProcessInstance run) {
                // the event may carry the start event's child execution (asynchronous starts): name the run itself
                audit.record(who, "start", "run", entityEvent.getProcessInstanceId(), run.getTenantId(),
                        "process=" + run.getProcessDefinitionId() + (run.getBusinessKey() == null ? "" : " businessKey=" + run.getBusinessKey()));
            } else if (event.getType() == FlowableEngineEventType.PROCESS_CANCELLED && entity instanceof ProcessInstance run) {
                audit.record(who, "cancel", "run", entityEvent.getProcessInstanceId(), run.getTenantId(), "process=" + run.getProcessDefinitionId());
            } else if (event.getType() == FlowableEngineEventType.TASK_COMPLETED && entity instanceof Task task) {
                audit.record(who, "complete-task", "task", task.getId(), task.getTenantId(),
                        "task=" + task.getTaskDefinitionKey() + " run=" + task.getProcessInstanceId());
            }
        }

        @Override
        public boolean isFailOnException() {
            return true; // an action that cannot be audited does not happen
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

    static final Set<FlowableEngineEventType> TYPES = Set.of(FlowableEngineEventType.ENTITY_CREATED,
            FlowableEngineEventType.PROCESS_STARTED, FlowableEngineEventType.PROCESS_CANCELLED, FlowableEngineEventType.TASK_COMPLETED);
}
