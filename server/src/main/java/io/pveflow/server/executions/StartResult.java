package io.pveflow.server.executions;

/** The new execution's id and whether it started at once or waits in the queue. */
public record StartResult(String id, String status) {
}
