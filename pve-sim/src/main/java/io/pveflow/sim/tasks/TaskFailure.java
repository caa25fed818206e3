package io.pveflow.sim.tasks;

/** Thrown inside a worker: the task ends with {@code TASK ERROR: <message>}. */
public final class TaskFailure extends RuntimeException {

    public TaskFailure(String message) {
        super(message, null, false, false);
    }
}
