-- Every Proxmox task a step waited for, as it ended: exit status and the tail of its log. Written by the task
-- watcher in the transaction that wakes the step; the run page shows it with the step (each instance of a
-- multi-instance step its own task). Deleted with the run's history (executions retention).
CREATE TABLE pve_task_run (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    run_id       VARCHAR(64)  NOT NULL,
    execution_id VARCHAR(64)  NOT NULL,
    activity_id  VARCHAR(255) NOT NULL,
    cluster_id   VARCHAR(32)  NOT NULL,
    node         VARCHAR(64)  NOT NULL,
    -- null when the step waited for a state only (a rebooting node has no task)
    upid         VARCHAR(255),
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- OK, WARNINGS: n, Proxmox's error text; null when the step's timeout came first
    exit_status  VARCHAR(2000),
    timed_out    BOOLEAN      NOT NULL,
    -- the last lines of the task's log, one per line
    log_tail     TEXT
);
CREATE INDEX pve_task_run_run ON pve_task_run (run_id);
