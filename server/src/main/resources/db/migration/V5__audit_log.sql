-- Who did what, when, from where: kept apart from run history so history cleanup never removes it.
CREATE TABLE audit_event (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(200)  NOT NULL,
    action       VARCHAR(64)   NOT NULL,
    target_type  VARCHAR(32)   NOT NULL,
    target_id    VARCHAR(255),
    cluster_id   VARCHAR(32),
    remote_addr  VARCHAR(64),
    details      VARCHAR(2000)
);
CREATE INDEX audit_event_time ON audit_event (occurred_at);
CREATE INDEX audit_event_cluster ON audit_event (cluster_id, occurred_at);
