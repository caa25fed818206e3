-- PVEFlow's own tables (Flowable creates and upgrades its ACT_* tables itself).
-- Portable SQL: the same script runs on H2 (embedded default) and PostgreSQL.

CREATE TABLE pveflow_user (
    username      VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(255) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE pveflow_user_role (
    username VARCHAR(64) NOT NULL REFERENCES pveflow_user (username) ON DELETE CASCADE,
    role     VARCHAR(32) NOT NULL,
    PRIMARY KEY (username, role)
);

-- A Proxmox VE cluster; its id is the Flowable tenant id of everything that runs for it.
CREATE TABLE pve_cluster (
    id                VARCHAR(32)   NOT NULL PRIMARY KEY,
    display_name      VARCHAR(200)  NOT NULL,
    token_id          VARCHAR(200)  NOT NULL,
    -- AES-GCM ciphertext under the master key ("v1:" + base64); never returned by the API.
    token_secret_enc  VARCHAR(1000) NOT NULL,
    tls_mode          VARCHAR(16)   NOT NULL,
    tls_fingerprint   VARCHAR(95),
    tls_ca_pem        VARCHAR(65536),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by        VARCHAR(64)   NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by        VARCHAR(64)   NOT NULL,
    version           BIGINT        NOT NULL
);

-- API endpoints of a cluster, one per node, tried in order.
CREATE TABLE pve_cluster_endpoint (
    cluster_id  VARCHAR(32)  NOT NULL REFERENCES pve_cluster (id) ON DELETE CASCADE,
    sort_order  INTEGER      NOT NULL,
    url         VARCHAR(500) NOT NULL,
    PRIMARY KEY (cluster_id, sort_order)
);
