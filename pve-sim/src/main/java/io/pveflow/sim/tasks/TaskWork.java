package io.pveflow.sim.tasks;

/**
 * What a simulated worker does. {@link #begin} runs when the worker starts and {@link #finish} when its
 * simulated duration is over, both under the cluster's write lock. Throwing {@link TaskFailure} from either
 * ends the task with that error ("error inside the worker"); {@link #abort} then undoes what begin did
 * (locks above all). No thread waits in between: a scheduler calls finish.
 */
public interface TaskWork {

    default void begin(TaskLog log) {
    }

    default void finish(TaskLog log) {
    }

    /** Undo begin's effects after a failure or a stop request. */
    default void abort() {
    }

    /**
     * The guest whose file lock the worker holds for its whole run (power actions, resize), or
     * {@code null}. A second worker on the same lock waits its turn, like PVE's {@code lock_config}.
     */
    default Integer flock() {
        return null;
    }

    /** How long this worker runs, when not the default for its type (e.g. HA requests end at once). */
    default java.time.Duration duration(java.time.Duration typeDefault) {
        return typeDefault;
    }
}
