package io.pveflow.server.notifications;

import java.time.Duration;

/**
 * An attempt that did not deliver. {@code transientFailure}: the same message may go through later
 * (connection problems, timeouts, 5xx, 429); {@code retryAfter}: how long the service asked us to wait, if it did.
 */
class DeliveryFailure extends Exception {

    private final boolean transientFailure;
    private final Duration retryAfter;

    DeliveryFailure(String message, boolean transientFailure, Duration retryAfter) {
        super(message, null, false, false);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, false, null);
    }

    static DeliveryFailure retryable(String message) {
        return new DeliveryFailure(message, true, null);
    }

    boolean isTransient() {
        return transientFailure;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
