package io.pveflow.server.notifications;

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

/**
 * Registers {@link RunEventListener} with the process engine for the run events the rules react to. The
 * listener reaches the rules lazily: the engine is built before the beans that use it.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsConfiguration {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> runEventNotifications(
            ObjectProvider<RunNotifier> notifier) {
        return engine -> {
            Map<String, List<FlowableEventListener>> typed = engine.getTypedEventListeners() == null
                    ? new HashMap<>() : new HashMap<>(engine.getTypedEventListeners());
            List<FlowableEventListener> listeners = new ArrayList<>(typed.getOrDefault(RunEventListener.EVENT_TYPES, List.of()));
            listeners.add(new RunEventListener(notifier));
            typed.put(RunEventListener.EVENT_TYPES, listeners);
            engine.setTypedEventListeners(typed);
        };
    }
}
