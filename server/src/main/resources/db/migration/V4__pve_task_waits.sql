-- Executions parked on a Proxmox task (see pve-delegates TaskWatcher): written in the transaction that parks
-- the execution, deleted by the one that wakes it.
CREATE TABLE pve_task_wait (
    execution_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    cluster_id    VARCHAR(32)  NOT NULL,
    node          VARCHAR(64)  NOT NULL,
    upid          VARCHAR(255) NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline      TIMESTAMP WITH TIME ZONE NOT NULL,
    guest_state   VARCHAR(16),
    vmid          INTEGER      NOT NULL
);
CREATE INDEX pve_task_wait_started ON pve_task_wait (started_at);
