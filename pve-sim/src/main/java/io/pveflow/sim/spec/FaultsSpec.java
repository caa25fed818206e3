package io.pveflow.sim.spec;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Faults to inject, at start (in the cluster file) or later (Java API, {@code /_sim/faults}). Paths are globs
 * over the path below {@code /api2/json}: {@code *} is one segment, {@code **} any number of segments.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultsSpec(
        List<ErrorRule> errors,
        List<LatencyRule> latency,
        List<DropRule> drops,
        List<String> offlineNodes,
        List<TaskRule> tasks,
        Map<Integer, String> stuckLocks,
        Long newTaskInvisibleMillis,
        Long seed) {

    public FaultsSpec {
        errors = errors == null ? List.of() : List.copyOf(errors);
        latency = latency == null ? List.of() : List.copyOf(latency);
        drops = drops == null ? List.of() : List.copyOf(drops);
        offlineNodes = offlineNodes == null ? List.of() : List.copyOf(offlineNodes);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        stuckLocks = stuckLocks == null ? Map.of() : Map.copyOf(stuckLocks);
    }

    public static FaultsSpec none() {
        return new FaultsSpec(null, null, null, null, null, null, null, null);
    }

    /** Answer matching requests with an HTTP error ({@code rate} 0..1, default 1; {@code times} caps it). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorRule(String method, String path, Double rate, Integer status, String message, Integer times) {
    }

    /** Delay matching requests. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LatencyRule(String method, String path, Long millis) {
    }

    /** Close the connection without an answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DropRule(String method, String path, Double rate, Integer times) {
    }

    /**
     * Make tasks of a worker type (glob, e.g. {@code vzdump} or {@code qm*}) fail with {@code message}
     * ({@code mode: fail}) or never end ({@code mode: hang}); optionally only for one guest.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskRule(String type, Integer vmid, String mode, String message, Integer times) {
    }
}
