-- Notifications: notifiers per cluster, rules that notify on run events, and a record of every delivery.
-- Portable SQL: the same script runs on H2 (embedded default) and PostgreSQL.

-- A way to reach people (Slack, Telegram, e-mail, webhook, ntfy, Gotify), configured per cluster by an admin.
CREATE TABLE notifier (
    cluster_id    VARCHAR(32)   NOT NULL REFERENCES pve_cluster (id) ON DELETE CASCADE,
    name          VARCHAR(64)   NOT NULL,
    type          VARCHAR(16)   NOT NULL,
    description   VARCHAR(500),
    enabled       BOOLEAN       NOT NULL,
    -- Non-secret settings as a JSON object (addresses, chat id, topic, priority, ...).
    settings_json VARCHAR(8000) NOT NULL,
    -- Secret settings as a JSON object of field -> AES-GCM ciphertext ("v1:..."), each bound to
    -- "notifier:<cluster>:<name>:<field>"; never returned by the API.
    secrets_json  VARCHAR(8000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(64)   NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by    VARCHAR(64)   NOT NULL,
    version       BIGINT        NOT NULL,
    PRIMARY KEY (cluster_id, name)
);

-- "When <event> happens to a run of <process> (any when null), tell <notifiers>".
CREATE TABLE notification_rule (
    id                     VARCHAR(36)  NOT NULL PRIMARY KEY,
    cluster_id             VARCHAR(32)  NOT NULL REFERENCES pve_cluster (id) ON DELETE CASCADE,
    event                  VARCHAR(32)  NOT NULL,
    process_definition_key VARCHAR(255),
    enabled                BOOLEAN      NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by             VARCHAR(64)  NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by             VARCHAR(64)  NOT NULL
);

CREATE INDEX notification_rule_by_cluster ON notification_rule (cluster_id, event);

CREATE TABLE notification_rule_notifier (
    rule_id       VARCHAR(36) NOT NULL REFERENCES notification_rule (id) ON DELETE CASCADE,
    notifier_name VARCHAR(64) NOT NULL,
    PRIMARY KEY (rule_id, notifier_name)
);

-- One message to one notifier and how it went. Kept when the notifier is removed (the history stays).
CREATE TABLE notification_delivery (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    cluster_id      VARCHAR(32)   NOT NULL REFERENCES pve_cluster (id) ON DELETE CASCADE,
    notifier_name   VARCHAR(64)   NOT NULL,
    notifier_type   VARCHAR(16),
    -- Why it was sent: "api" (the Java API), "test" (send test message) or "rule:<rule id>".
    origin          VARCHAR(64)   NOT NULL,
    subject         VARCHAR(500)  NOT NULL,
    -- PENDING (being delivered, maybe waiting for a retry), DELIVERED or FAILED.
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    last_error      VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX notification_delivery_by_cluster ON notification_delivery (cluster_id, created_at);

-- Every attempt of a delivery, with its outcome: DELIVERED, RETRYING (transient failure) or FAILED.
CREATE TABLE notification_delivery_attempt (
    delivery_id VARCHAR(36)   NOT NULL REFERENCES notification_delivery (id) ON DELETE CASCADE,
    attempt     INTEGER       NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome     VARCHAR(16)   NOT NULL,
    error       VARCHAR(2000),
    PRIMARY KEY (delivery_id, attempt)
);
