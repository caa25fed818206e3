package io.pveflow.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.job.service.impl.asyncexecutor.AsyncJobExecutorConfiguration;
import org.flowable.job.service.impl.asyncexecutor.DefaultAsyncJobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;

import io.pveflow.server.deployments.DeploymentGuard;
import io.pveflow.server.testing.H2ServerTest;

/** The engine runs with the production settings PVEFlow documents, not Flowable's defaults. */
class EngineSettingsTest extends H2ServerTest {

    @Autowired
    ProcessEngineConfiguration engine;

    @Test
    void locksJobsToThisNodeForMinutesNotAnHour() {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine;
        assertThat(config.getAsyncExecutor()).isInstanceOf(DefaultAsyncJobExecutor.class);
        AsyncJobExecutorConfiguration jobs = ((DefaultAsyncJobExecutor) config.getAsyncExecutor()).getConfiguration();
        assertThat(jobs.getLockOwner()).isEqualTo("h2-test-node");
        assertThat(jobs.getAsyncJobLockTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(jobs.getTimerLockTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(jobs.getResetExpiredJobsInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(jobs.isUnlockOwnedJobs()).isTrue();
        assertThat(config.getAsyncExecutor().isActive()).isTrue();
    }

    @Test
    void keepsAuditHistoryParsesXmlSafelyAndGuardsDeployments() {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine;
        assertThat(config.getHistoryLevel()).isEqualTo(HistoryLevel.AUDIT);
        assertThat(config.isEnableSafeBpmnXml()).isTrue();
        assertThat(config.getCustomPreDeployers()).anyMatch(DeploymentGuard.class::isInstance);
    }

    @Test
    void namesANodeAfterItsHostAndPortWhenNotConfigured() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "9191");
        EngineProperties defaults = new EngineProperties(" ", Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofSeconds(30), new EngineProperties.Executor(8, 16, 256));
        assertThat(new NodeIdentity(defaults, environment).id()).endsWith(":9191").doesNotStartWith(":");
        EngineProperties named = new EngineProperties(" node-7 ", Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofSeconds(30), new EngineProperties.Executor(8, 16, 256));
        assertThat(new NodeIdentity(named, environment).id()).isEqualTo("node-7");
    }
}
