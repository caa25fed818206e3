package io.pveflow.server.executions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.flowable.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Per-process history retention: expired runs lose their history in batches; other runs and the audit log stay. */
class HistoryRetentionTest extends ExecutionTestSupport {

    @Autowired
    HistoryRetention retention;

    @Autowired
    HistoryService history;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void anEndedRunsHistoryIsDeletedOnceItsProcessRetentionHasPassed() {
        deployWithTask("shortLived", "<pveflow:retention duration=\"PT1M\"/>");
        deployWithTask("keptLonger", "<pveflow:retention days=\"30\"/>");
        String expiring = started("shortLived", Map.of("note", "gone soon"));
        String kept = started("keptLonger", Map.of());
        String stillRunning = started("shortLived", Map.of());
        completeTask(expiring);
        completeTask(kept);
        awaitStatus(expiring, "completed");
        awaitStatus(kept, "completed");
        awaitStatus(stillRunning, "waiting");

        recordTask(expiring);
        recordTask(kept);
        assertThat(retention.cleanUp(Instant.now())).as("nothing has expired yet").isZero();
        int deleted = retention.cleanUp(Instant.now().plus(Duration.ofMinutes(2)));

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(admin().get("/api/executions/" + expiring).status()).isEqualTo(404);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(expiring).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(expiring).count()).isZero();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(expiring).count()).isZero();
        assertThat(execution(kept).path("status").asText()).isEqualTo("completed");
        assertThat(execution(stillRunning).path("status").asText()).as("running runs never expire").isEqualTo("waiting");
        assertThat(admin().get("/api/audit?action=start").body()).as("the audit log is kept apart").contains(expiring);
        assertThat(recordedTasks(expiring)).as("the Proxmox tasks of its steps go with the run").isZero();
        assertThat(recordedTasks(kept)).isEqualTo(1);
    }

    /** A Proxmox task a step of the run waited for, as the task watcher records it. */
    private void recordTask(String runId) {
        jdbc.sql("INSERT INTO pve_task_run (id, run_id, execution_id, activity_id, cluster_id, node, upid, started_at, ended_at, "
                        + "exit_status, timed_out, log_tail) VALUES (?, ?, ?, 'approve', ?, 'pve1', NULL, ?, ?, 'OK', FALSE, '')")
                .params(java.util.UUID.randomUUID().toString(), runId, runId, CLUSTER,
                        java.sql.Timestamp.from(Instant.now()), java.sql.Timestamp.from(Instant.now())).update();
    }

    private long recordedTasks(String runId) {
        return jdbc.sql("SELECT COUNT(*) FROM pve_task_run WHERE run_id = ?").param(runId).query(Long.class).single();
    }
}
