package io.pveflow.server.scripting;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the process engine run JavaScript in {@link JsSandbox} instead of JSR-223 script engines. */
@Configuration(proxyBeanMethods = false)
class ScriptingConfiguration {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> sandboxedJavaScript(JsSandbox sandbox) {
        return engine -> engine.setScriptEngine(new GraalJsScriptEngine(sandbox));
    }
}
