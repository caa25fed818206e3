package io.pveflow.sim.tasks;

/** What a worker may write to its task log. */
public interface TaskLog {

    void line(String text);

    /** A warning line; the task then ends with {@code TASK WARNINGS: N} instead of {@code TASK OK}. */
    void warn(String text);

    /** The task's own id, e.g. for log lines that mention it. */
    Upid upid();
}
