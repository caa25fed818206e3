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
    }
}
