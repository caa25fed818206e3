-- One row per run (a process instance, or a start still waiting for a concurrency slot). The list of executions
-- reads only this table: it never loads variables or Flowable's history, so it stays fast on a large history.
-- state: queued (no process instance yet), active (the engine has it; running/waiting/failed are derived from the
-- engine's runtime tables when read), completed, cancelled, failed (ended by an error end event).
CREATE TABLE execution (
    id                    VARCHAR(64)   NOT NULL PRIMARY KEY,
    cluster_id            VARCHAR(32)   NOT NULL,
    process_key           VARCHAR(255)  NOT NULL,
    process_name          VARCHAR(255),
    process_definition_id VARCHAR(255)  NOT NULL,
    version               INTEGER       NOT NULL,
    business_key          VARCHAR(255),
    started_by            VARCHAR(200)  NOT NULL,
    started_via           VARCHAR(16)   NOT NULL,
    state                 VARCHAR(16)   NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at            TIMESTAMP WITH TIME ZONE,
    ended_at              TIMESTAMP WITH TIME ZONE,
    message               VARCHAR(2000),
    cancelled_by          VARCHAR(200),
    cancel_reason         VARCHAR(1000),
    -- the concurrency group this run holds a slot of (null: none), its limit, and whether it is system-wide
    concurrency_group     VARCHAR(255),
    concurrency_limit     INTEGER,
    exclusive_run         BOOLEAN       DEFAULT FALSE NOT NULL,
    -- the start variables of a queued run, kept until it starts (then cleared)
    queued_variables      VARCHAR(1000000),
    resumed_from          VARCHAR(64),
    -- a resumed run starts at this activity instead of its start event
    start_activity_id     VARCHAR(255),
    -- when the run's history may be deleted (ended_at + the process's retention)
    expires_at            TIMESTAMP WITH TIME ZONE
);
CREATE INDEX execution_cluster_created ON execution (cluster_id, created_at);
CREATE INDEX execution_created ON execution (created_at);
CREATE INDEX execution_process_created ON execution (cluster_id, process_key, created_at);
CREATE INDEX execution_state_created ON execution (state, cluster_id, created_at);
CREATE INDEX execution_group ON execution (cluster_id, state, concurrency_group);
CREATE INDEX execution_started_by ON execution (started_by, created_at);
CREATE INDEX execution_business_key ON execution (business_key);
CREATE INDEX execution_expires ON execution (expires_at);

-- One row per cluster, locked (SELECT ... FOR UPDATE) while a start or a hand-over decides on a concurrency slot:
-- admissions of one cluster happen one at a time on every server node, so limits hold under concurrent starts.
CREATE TABLE execution_gate (
    cluster_id  VARCHAR(32)  NOT NULL PRIMARY KEY
);
