package io.pveflow.server.notifications;

/** Where a delivery stands. Only PENDING ever changes. */
public enum DeliveryStatus {
    /** Being delivered, or waiting for the next attempt after a transient failure. */
    PENDING,
    /** The service accepted the message. */
    DELIVERED,
    /** Given up: a permanent failure, or every attempt failed; {@code lastError} says why. */
    FAILED,
    /** Not sent because the notifier is disabled. */
    SKIPPED
}
