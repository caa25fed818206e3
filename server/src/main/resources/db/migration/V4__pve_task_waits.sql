-- Executions parked on a Proxmox task or state (see pve-delegates TaskWatcher): written in the transaction that
-- parks the execution, deleted by the one that wakes it.
CREATE TABLE pve_task_wait (
    execution_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    cluster_id     VARCHAR(32)  NOT NULL,
    node           VARCHAR(64)  NOT NULL,
    -- null when the wait is for a state only (a rebooting node has no task)
    upid           VARCHAR(255),
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- what must also hold after the task: guest-state:<state>, guest-on:<node>, node-back:<epoch seconds>
    wait_condition VARCHAR(200),
    vmid           INTEGER      NOT NULL
);
CREATE INDEX pve_task_wait_started ON pve_task_wait (started_at);
