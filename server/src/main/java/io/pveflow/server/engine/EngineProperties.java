package io.pveflow.server.engine;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this node's Flowable engine runs jobs. Defaults and the reasoning behind them are in application.yml.
 *
 * @param nodeId                   lock owner of this node's async executor; blank means "hostname:port"
 * @param jobLockTime              how long an acquired async job stays locked to this node
 * @param timerLockTime            the same for timer jobs
 * @param resetExpiredJobsInterval how often expired locks (of dead nodes) are looked for
 * @param executor                 the engine's own thread pool
 */
@Validated
@ConfigurationProperties("pveflow.engine")
public record EngineProperties(
        String nodeId,
        @NotNull @DefaultValue("PT5M") Duration jobLockTime,
        @NotNull @DefaultValue("PT5M") Duration timerLockTime,
        @NotNull @DefaultValue("PT30S") Duration resetExpiredJobsInterval,
        @NotNull @DefaultValue Executor executor) {

    /** The pool that runs async jobs; separate from Spring's application task executor. */
    public record Executor(
            @Min(1) @DefaultValue("8") int corePoolSize,
            @Min(1) @DefaultValue("16") int maxPoolSize,
            @Min(0) @DefaultValue("2048") int queueCapacity) {
    }
}
