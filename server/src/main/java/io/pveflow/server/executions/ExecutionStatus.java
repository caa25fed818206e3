package io.pveflow.server.executions;

import java.util.Locale;

import io.pveflow.server.web.InvalidInputException;

/** What an operator needs to know about a run, in their words. */
public enum ExecutionStatus {
    /** Waiting for a concurrency slot; no process instance exists yet. */
    QUEUED,
    /** The engine is working on it. */
    RUNNING,
    /** Parked on an approval, a timer or a Proxmox task (see {@code waitingOn}). */
    WAITING,
    /** An incident (a dead-letter job) or ended by an unhandled error; recoverable while the run is active. */
    FAILED,
    /** Stopped by someone, with who and why. */
    CANCELLED,
    COMPLETED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ExecutionStatus parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Invalid filter", java.util.Map.of("status", "unknown status '" + value
                    + "': use queued, running, waiting, failed, cancelled or completed"));
        }
    }
}
