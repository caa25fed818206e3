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

    @Autowired
    org.springframework.context.ApplicationContext context;

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

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void h2LoadsAnExecutionsVariablesThroughAnIndexOnTheExecution() {
        // Without PVEFlow's index, H2 plans this query on the TASK_ID_ index: every process variable matches it.
        String plan = jdbc.sql("EXPLAIN SELECT * FROM ACT_RU_VARIABLE WHERE EXECUTION_ID_ = 'x' AND TASK_ID_ IS NULL")
                .query(String.class).single();
        assertThat(plan).contains("PVEFLOW_IDX_RU_VAR_EXE_TASK");
    }

    @Test
    void jobsCreatedHereQueueForThisNodesPoolRatherThanBeingHandedBack() {
        var pool = (org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor) context.getBean("processTaskExecutor");
        assertThat(pool.getThreadPoolExecutor().getQueue().remainingCapacity() + pool.getThreadPoolExecutor().getQueue().size())
                .as("a fan-out of hundreds of steps is queued, not refused and unlocked job by job").isEqualTo(2048);
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
