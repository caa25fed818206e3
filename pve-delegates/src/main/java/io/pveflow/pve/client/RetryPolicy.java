package io.pveflow.pve.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently safe requests are retried: a request that never reached a server (any method),
 * and a GET answered with a transient 5xx, 595 or 596. {@code maxAttempts} counts the first try; the pause
 * before attempt n+1 is a random value between half and all of {@code min(maxBackoff, initialBackoff * 2^(n-1))}
 * (jitter keeps many clients from retrying in step).
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max");
        }
    }

    /** Three attempts, 250 ms then 500 ms (jittered), at most 5 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The pause after failed attempt {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        if (capped <= 1) {
            return Duration.ofMillis(capped);
        }
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
