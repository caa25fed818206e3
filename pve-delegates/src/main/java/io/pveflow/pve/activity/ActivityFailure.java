package io.pveflow.pve.activity;

import org.flowable.engine.delegate.BpmnError;

/**
 * A PVE activity's failure as a BPMN error with a stable code a boundary error event can catch:
 * {@code PVE_NOT_FOUND}, {@code PVE_LOCKED}, {@code PVE_NOT_RUNNING}, {@code PVE_ALREADY_RUNNING},
 * {@code PVE_PERMISSION}, {@code PVE_AUTH}, {@code PVE_INVALID_PARAM}, {@code PVE_CONFLICT},
 * {@code PVE_TASK_FAILED}, {@code PVE_TIMEOUT}, {@code PVE_NO_CLUSTER}. Transient faults (connection, server
 * errors) are not BPMN errors: they fail the job so Flowable retries it.
 */
public class ActivityFailure extends BpmnError {

    public ActivityFailure(String errorCode, String message) {
        super(errorCode, message);
    }

    public static ActivityFailure invalidInput(String field, String problem) {
        return new ActivityFailure("PVE_INVALID_PARAM", "field '" + field + "': " + problem);
    }
}
