-- The process lifecycle per cluster (io.pveflow.server.processes). Flowable keeps the deployed versions; these
-- tables keep what Flowable does not: which version new runs start, archiving, drafts and who published what.

-- One row per process of a cluster. current_definition_id is the Flowable process definition new runs start
-- (not necessarily the latest version); null while the process was never published.
CREATE TABLE process_entry (
    cluster_id            VARCHAR(32)  NOT NULL REFERENCES pve_cluster (id) ON DELETE CASCADE,
    process_key           VARCHAR(255) NOT NULL,
    name                  VARCHAR(255) NOT NULL,
    current_definition_id VARCHAR(255),
    archived              BOOLEAN      NOT NULL,
    archived_by           VARCHAR(64),
    archived_at           TIMESTAMP WITH TIME ZONE,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by            VARCHAR(64)  NOT NULL,
    PRIMARY KEY (cluster_id, process_key)
);

-- The unpublished working copy of a process, at most one per process. revision is the optimistic lock: a save
-- names the revision it started from and fails when someone else saved since.
CREATE TABLE process_draft (
    cluster_id      VARCHAR(32)  NOT NULL,
    process_key     VARCHAR(255) NOT NULL,
    name            VARCHAR(255) NOT NULL,
    xml             TEXT         NOT NULL,
    revision        BIGINT       NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by      VARCHAR(64)  NOT NULL,
    -- last time a save of this draft was written to the audit log (saves are audited at most once a minute)
    last_audited_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (cluster_id, process_key),
    FOREIGN KEY (cluster_id, process_key) REFERENCES process_entry (cluster_id, process_key) ON DELETE CASCADE
);

-- Who published which version, when and why. Deployment names and categories can be set by anyone deploying
-- through /process-api, so the publisher is recorded here, in the publish transaction.
CREATE TABLE process_version (
    cluster_id            VARCHAR(32)  NOT NULL,
    process_key           VARCHAR(255) NOT NULL,
    version               INTEGER      NOT NULL,
    process_definition_id VARCHAR(255) NOT NULL,
    deployment_id         VARCHAR(255) NOT NULL,
    published_by          VARCHAR(64)  NOT NULL,
    published_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    comment               VARCHAR(1000),
    PRIMARY KEY (cluster_id, process_key, version),
    FOREIGN KEY (cluster_id, process_key) REFERENCES process_entry (cluster_id, process_key) ON DELETE CASCADE
);
