package io.pveflow.pve.activity;

import java.util.List;

/** Where parked executions are recorded; the server stores them in its database. */
public interface TaskWaits {

    /** Records a wait in the current transaction. */
    void park(WaitingTask task);

    /** Every wait, oldest first, at most {@code limit}. */
    List<WaitingTask> all(int limit);

    /**
     * Removes the wait in the current transaction; true for exactly one caller, so one server node wakes the
     * execution however many look at the same task.
     */
    boolean claim(String executionId);

    /**
     * Keeps, in the current transaction, how the task of a wait this node claimed ended, for the run's history: a
     * record per task, so each instance of a multi-instance step shows its own task and log. A store that keeps no
     * history may ignore it.
     *
     * @param runId      the process instance the step belongs to
     * @param activityId the step
     */
    default void ended(WaitingTask wait, String runId, String activityId, TaskOutcome outcome) {
    }

    /**
     * Asks to be told, after a transaction that parked a wait here committed, so the watcher of this server node
     * looks soon instead of at its next scheduled cycle. Optional: a store that never tells leaves new waits to
     * the watcher's schedule (at most its maximum interval).
     */
    default void afterPark(Runnable listener) {
    }
}
