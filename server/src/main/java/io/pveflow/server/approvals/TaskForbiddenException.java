package io.pveflow.server.approvals;

/** An action on a task the caller may not take (403), with the reason in words. */
class TaskForbiddenException extends RuntimeException {

    TaskForbiddenException(String message) {
        super(message);
    }
}
