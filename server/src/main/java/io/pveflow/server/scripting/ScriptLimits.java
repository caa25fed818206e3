package io.pveflow.server.scripting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on one JavaScript evaluation.
 *
 * @param statements      statements one evaluation may execute (GraalJS resource limit)
 * @param timeout         wall-clock time one evaluation may take
 * @param memory          bytes one evaluation may allocate
 * @param maxStringLength the longest string a script may build, in characters
 */
@ConfigurationProperties("pveflow.scripts")
public record ScriptLimits(
        @DefaultValue("1000000") long statements,
        @DefaultValue("PT2S") Duration timeout,
        @DefaultValue("64MB") DataSize memory,
        @DefaultValue("1000000") int maxStringLength) {

    public static ScriptLimits defaults() {
        return new ScriptLimits(1_000_000, Duration.ofSeconds(2), DataSize.ofMegabytes(64), 1_000_000);
    }
}
