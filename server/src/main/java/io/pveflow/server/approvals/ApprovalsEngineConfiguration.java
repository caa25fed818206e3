package io.pveflow.server.approvals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pveflow.server.notifications.ApprovalNotifications;

/**
 * Registers the approvals' engine listeners: separation of duties, the approval rules for completions through any
 * API, and "a task is waiting" notifications.
 */
@Configuration(proxyBeanMethods = false)
class ApprovalsEngineConfiguration {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> approvalsEngineListeners(
            ObjectProvider<ApprovalNotifications> notifications, ObjectProvider<TaskLinks> links) {
        return engine -> {
            Map<String, List<FlowableEventListener>> typed = engine.getTypedEventListeners() == null
                    ? new HashMap<>() : new HashMap<>(engine.getTypedEventListeners());
            add(typed, SeparationOfDutiesListener.EVENT_TYPES, new SeparationOfDutiesListener());
            add(typed, ApprovalCompletionListener.EVENT_TYPES, new ApprovalCompletionListener());
            add(typed, TaskWaitingListener.EVENT_TYPES, new TaskWaitingListener(notifications, links));
            engine.setTypedEventListeners(typed);
        };
    }

    private static void add(Map<String, List<FlowableEventListener>> typed, String types, FlowableEventListener listener) {
        List<FlowableEventListener> listeners = new ArrayList<>(typed.getOrDefault(types, List.of()));
        listeners.add(listener);
        typed.put(types, listeners);
    }
}
