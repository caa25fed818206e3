package io.pveflow.server.engine;

import java.util.ArrayList;
import java.util.List;

import org.flowable.common.engine.impl.EngineDeployer;
import org.flowable.job.service.impl.asyncexecutor.AsyncJobExecutorConfiguration;
import org.flowable.job.service.impl.asyncexecutor.DefaultAsyncJobExecutor;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies PVEFlow's production settings to the process engine: this node's lock owner, lock times short
 * enough that a dead node's jobs move on within minutes, and the deploy-time guards that run before Flowable
 * parses anything.
 */
class EngineTuning implements EngineConfigurationConfigurer<SpringProcessEngineConfiguration> {

    private static final Logger log = LoggerFactory.getLogger(EngineTuning.class);

    private final EngineProperties properties;
    private final NodeIdentity node;
    private final List<EngineDeployer> preDeployers;

    EngineTuning(EngineProperties properties, NodeIdentity node, List<EngineDeployer> preDeployers) {
        this.properties = properties;
        this.node = node;
        this.preDeployers = preDeployers;
    }

    @Override
    public void configure(SpringProcessEngineConfiguration engine) {
        if (engine.getAsyncExecutor() instanceof DefaultAsyncJobExecutor executor) {
            AsyncJobExecutorConfiguration jobs = executor.getConfiguration();
            jobs.setLockOwner(node.id());
            jobs.setAsyncJobLockTime(properties.jobLockTime());
            jobs.setTimerLockTime(properties.timerLockTime());
            jobs.setResetExpiredJobsInterval(properties.resetExpiredJobsInterval());
            jobs.setUnlockOwnedJobs(true);
            engine.addEngineLifecycleListener(new ReleaseOwnLocksAtStart(node.id()));
            engine.addEngineLifecycleListener(new H2PlannerIndexes());
        } else {
            throw new IllegalStateException("Unexpected async executor " + engine.getAsyncExecutor()
                    + ": PVEFlow needs Flowable's default async job executor to set lock owner and lock times");
        }
        List<EngineDeployer> deployers = new ArrayList<>(preDeployers);
        if (engine.getCustomPreDeployers() != null) {
            deployers.addAll(engine.getCustomPreDeployers());
        }
        engine.setCustomPreDeployers(deployers);
        engine.setEnableSafeBpmnXml(true);
        log.info("Process engine on node '{}': job lock {}, timer lock {}, expired-lock check every {}, "
                        + "executor pool {}-{} (queue {}), history level {}",
                node.id(), properties.jobLockTime(), properties.timerLockTime(),
                properties.resetExpiredJobsInterval(), properties.executor().corePoolSize(),
                properties.executor().maxPoolSize(), properties.executor().queueCapacity(),
                engine.getHistoryLevel());
    }
}
