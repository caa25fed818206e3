package io.pveflow.server.activities;

import java.time.Duration;

import org.flowable.engine.ManagementService;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import io.pveflow.pve.activity.PollSchedule;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.activity.TaskWatcher;
import io.pveflow.pve.activity.TriggerBatchJobHandler;

/** The Proxmox activities (pve-delegates) as beans, and the task watcher that wakes their waits. */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.pveflow.pve.activities")
class ActivitiesConfiguration {

    /** Poll intervals and their reasons: pveflow.tasks in application.yml. */
    @Bean
    TaskWatcher taskWatcher(TaskWaits waits, PveClientRegistry clients, ManagementService management,
                            @Value("${pveflow.tasks.first-poll-after:PT0.25S}") Duration minInterval,
                            @Value("${pveflow.tasks.poll-interval:PT2S}") Duration maxInterval,
                            @Value("${pveflow.tasks.poll-share:" + PollSchedule.DEFAULT_SHARE + "}") double share,
                            @Value("${pveflow.tasks.batch-wake-ups:true}") boolean batchWakeUps) {
        PollSchedule schedule;
        try {
            schedule = new PollSchedule(minInterval, maxInterval, share);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pveflow.tasks: " + e.getMessage()
                    + " (first-poll-after is the minimum, poll-interval the maximum, poll-share the share)", e);
        }
        return new TaskWatcher(waits, clients, management, schedule, batchWakeUps);
    }

    /** The job that wakes several parked siblings of one run in one transaction (see TriggerBatchJobHandler). */
    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> triggerBatchJobs() {
        return engine -> engine.addCustomJobHandler(new TriggerBatchJobHandler());
    }

    /** Starts watching once the engine runs; stops before it shuts down. */
    @Bean
    SmartLifecycle taskWatcherLifecycle(TaskWatcher watcher) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                watcher.start();
                running = true;
            }

            @Override
            public void stop() {
                watcher.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 100;
            }
        };
    }
}
