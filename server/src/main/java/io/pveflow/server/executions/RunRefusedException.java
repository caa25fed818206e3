package io.pveflow.server.executions;

/** A start refused because the process's concurrency group is full and the process says to refuse (409). */
class RunRefusedException extends RuntimeException {

    private final String blockingExecutionId;

    RunRefusedException(String message, String blockingExecutionId) {
        super(message);
        this.blockingExecutionId = blockingExecutionId;
    }

    String blockingExecutionId() {
        return blockingExecutionId;
    }
}
