package io.pveflow.server.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.flowable.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.pve.activity.PollSchedule;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.activity.TaskWatcher;

/**
 * The watcher's schedule adapts to its waits: a watcher whose longest gap is ten minutes still notices a 300 ms
 * task within a second or so, because the step that parked tells it (after its transaction commits) and the
 * first looks at a young wait come after the minimum gap. With a fixed ten-minute interval the run below would
 * wait ten minutes, far beyond this test's 60 s bound; nothing here measures speed beyond that.
 */
class AdaptivePollingTest extends ActivityTestSupport {

    @Autowired
    TaskWatcher shared;

    @Autowired
    TaskWaits waits;

    @Autowired
    PveClientRegistry registry;

    @Autowired
    ManagementService management;

    private TaskWatcher patient;

    @BeforeEach
    void replaceTheWatcher() {
        shared.stop();
        patient = new TaskWatcher(waits, registry, management,
                new PollSchedule(Duration.ofMillis(200), Duration.ofMinutes(10), PollSchedule.DEFAULT_SHARE), true);
        patient.start();
    }

    @AfterEach
    void restoreTheWatcher() {
        patient.stop();
        shared.start();
    }

    @Test
    void aShortTaskIsNoticedSoonAlthoughTheLongestGapIsTenMinutes() throws Exception {
        String name = "adaptive" + System.nanoTime() % 100000;
        long before = patient.requestCount();
        String id = run("adaptivePolling", step("pveSnapshotCreate", true,
                field("vmid", "100") + field("snapname", name) + field("resultVariable", "upid")), Map.of());

        Map<String, Object> vars = awaitEnd(id);

        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat((String) vars.get("upid")).contains(":qmsnapshot:100:");
        assertThat(pve().snapshots().list(guestRef(100)).stream().anyMatch(s -> name.equals(s.name()))).isTrue();
        // A few looks at the node's task list while the task ran, and one read of its log.
        assertThat(patient.requestCount() - before).isBetween(2L, 20L);
    }
}
