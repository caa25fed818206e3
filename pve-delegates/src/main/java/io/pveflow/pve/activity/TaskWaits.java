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
}
