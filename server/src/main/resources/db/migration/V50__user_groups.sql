-- Groups of users: a user task's candidate groups (flowable:candidateGroups) name them, so everyone in
-- the group sees and may claim the task. Portable SQL: the same script runs on H2 and PostgreSQL.
CREATE TABLE pveflow_user_group (
    username   VARCHAR(64) NOT NULL REFERENCES pveflow_user (username) ON DELETE CASCADE,
    group_name VARCHAR(64) NOT NULL,
    PRIMARY KEY (username, group_name)
);

CREATE INDEX pveflow_user_group_by_group ON pveflow_user_group (group_name);
