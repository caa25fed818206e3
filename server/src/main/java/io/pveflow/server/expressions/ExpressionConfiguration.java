package io.pveflow.server.expressions;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Locks down {@code ${...}}: only {@link ProcessBeans}, and no walking from values to the runtime. */
@Configuration(proxyBeanMethods = false)
class ExpressionConfiguration {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> lockedDownExpressions(ProcessBeans beans) {
        return engine -> {
            engine.setBeans(beans);
            engine.addPreDefaultELResolver(new SafeExpressionResolver(beans));
            engine.addPostDefaultELResolver(new UnknownNameResolver(beans));
        };
    }
}
