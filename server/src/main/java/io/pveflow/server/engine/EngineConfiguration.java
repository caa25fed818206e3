package io.pveflow.server.engine;

import java.util.List;

import org.flowable.common.engine.impl.EngineDeployer;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.spring.boot.process.Process;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Wires the process engine's thread pool, tuning and identity into Flowable's Spring Boot starter. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    EngineConfiguration() {
        // Who started a run or completed a task comes from Spring Security, for Flowable's REST API as for ours.
        Authentication.setAuthenticationContext(new SessionSafeAuthenticationContext());
    }

    @Bean
    EngineTuning engineTuning(EngineProperties properties, NodeIdentity node, List<EngineDeployer> preDeployers) {
        return new EngineTuning(properties, node, preDeployers);
    }

    /** The async executor's own pool, so engine jobs never compete with web requests or Spring's tasks. */
    @Bean
    @Process
    ThreadPoolTaskExecutor processTaskExecutor(EngineProperties properties) {
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setThreadNamePrefix("pveflow-job-");
        pool.setCorePoolSize(properties.executor().corePoolSize());
        pool.setMaxPoolSize(Math.max(properties.executor().corePoolSize(), properties.executor().maxPoolSize()));
        pool.setQueueCapacity(properties.executor().queueCapacity());
        pool.setWaitForTasksToCompleteOnShutdown(true);
        pool.setAwaitTerminationSeconds(30);
        return pool;
    }
}
