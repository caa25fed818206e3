package io.pveflow.sim.tasks;

/** The fault-injection hooks the task manager asks about each new task. */
public interface TaskFaults {

    /** The error message to fail the task with, {@link #HANG} to never end it, or {@code null}. */
    String taskFault(String type, String id);

    /** For how long after creation status and log requests should answer "no such task". */
    long invisibleMillis();

    String HANG = "\u0000hang";

    TaskFaults NONE = new TaskFaults() {
        @Override
        public String taskFault(String type, String id) {
            return null;
        }

        @Override
        public long invisibleMillis() {
            return 0;
        }
    };
}
