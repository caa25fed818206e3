package io.pveflow.server.notifications;

import java.time.Duration;

/**
 * Bounded exponential backoff: after failed attempt {@code n} wait {@code initial * multiplier^(n-1)}, at most
 * {@code maxBackoff}; when the service said Retry-After, wait that long instead, at most {@code maxRetryAfter}.
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                   Duration maxRetryAfter) {

    static final RetryPolicy ONE_ATTEMPT = new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO, Duration.ZERO);

    boolean mayRetryAfter(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    Duration delayAfter(int attemptsMade, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attemptsMade - 1));
        long capped = (long) Math.min(millis, (double) maxBackoff.toMillis());
        return Duration.ofMillis(capped);
    }

    /** The longest a live delivery can go without recording progress (between two attempts). */
    Duration longestQuietPeriod(Duration requestTimeout) {
        Duration wait = maxBackoff.compareTo(maxRetryAfter) > 0 ? maxBackoff : maxRetryAfter;
        return wait.plus(requestTimeout).plus(requestTimeout);
    }
}
