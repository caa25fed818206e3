package io.pveflow.sim.spec;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How long simulated things take. {@code taskMillis} is the default worker duration; {@code taskMillisByType}
 * overrides it per worker type ({@code vzdump}, {@code qmigrate}, ...). HA-managed guests change state
 * {@code haDelayMillis} after their {@code hastart}/{@code hastop} task ended. A failed login answers after
 * {@code loginFailureDelayMillis} (PVE waits 3 s; tests use 0).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Timings(
        Long taskMillis,
        Map<String, Long> taskMillisByType,
        Long haDelayMillis,
        Long nodeActionDelayMillis,
        Long nodeRebootMillis,
        Long loginFailureDelayMillis,
        Long ticketLifetimeSeconds) {

    public Timings {
        taskMillis = taskMillis == null ? 3000L : taskMillis;
        taskMillisByType = taskMillisByType == null ? Map.of() : Map.copyOf(taskMillisByType);
        haDelayMillis = haDelayMillis == null ? 2000L : haDelayMillis;
        nodeActionDelayMillis = nodeActionDelayMillis == null ? 2000L : nodeActionDelayMillis;
        nodeRebootMillis = nodeRebootMillis == null ? 15000L : nodeRebootMillis;
        loginFailureDelayMillis = loginFailureDelayMillis == null ? 3000L : loginFailureDelayMillis;
        ticketLifetimeSeconds = ticketLifetimeSeconds == null ? 7200L : ticketLifetimeSeconds;
    }

    public static Timings defaults() {
        return new Timings(null, null, null, null, null, null, null);
    }

    /** Fast timings for tests: 200 ms tasks, no login penalty. */
    public static Timings fast() {
        return new Timings(200L, Map.of(), 200L, 200L, 1000L, 0L, null);
    }

    public Duration taskDuration(String type) {
        Long specific = taskMillisByType.get(type);
        return Duration.ofMillis(specific != null ? specific : taskMillis);
    }

    public Timings withTaskMillis(long millis) {
        return new Timings(millis, taskMillisByType, haDelayMillis, nodeActionDelayMillis, nodeRebootMillis,
                loginFailureDelayMillis, ticketLifetimeSeconds);
    }

    public Timings withTaskMillis(String type, long millis) {
        java.util.Map<String, Long> byType = new java.util.HashMap<>(taskMillisByType);
        byType.put(type, millis);
        return new Timings(taskMillis, byType, haDelayMillis, nodeActionDelayMillis, nodeRebootMillis,
                loginFailureDelayMillis, ticketLifetimeSeconds);
    }

    public Timings withHaDelayMillis(long millis) {
        return new Timings(taskMillis, taskMillisByType, millis, nodeActionDelayMillis, nodeRebootMillis,
                loginFailureDelayMillis, ticketLifetimeSeconds);
    }

    public Timings withLoginFailureDelayMillis(long millis) {
        return new Timings(taskMillis, taskMillisByType, haDelayMillis, nodeActionDelayMillis, nodeRebootMillis,
                millis, ticketLifetimeSeconds);
    }

    public Timings withTicketLifetimeSeconds(long seconds) {
        return new Timings(taskMillis, taskMillisByType, haDelayMillis, nodeActionDelayMillis, nodeRebootMillis,
                loginFailureDelayMillis, seconds);
    }
}
