package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pveflow.pve.client.Tasks.ListOptions;
import io.pveflow.pve.client.Tasks.ListOptions.Source;
import io.pveflow.pve.client.model.LogPage;
import io.pveflow.pve.client.model.TaskStatus;
import io.pveflow.pve.client.model.TaskSummary;
import io.pveflow.pve.client.testing.RecordTestNames;
import io.pveflow.pve.client.testing.TestClusters;
import io.pveflow.sim.PveSimulator;

@ExtendWith(RecordTestNames.class)
class TasksTest {

    static PveSimulator sim;
    static PveClient pve;

    @BeforeAll
    static void start() {
        sim = TestClusters.start();
        pve = TestClusters.rootClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    @Test
    void statusOfARunningThenFinishedTask() {
        Upid upid = pve.guests().start(GuestRef.qemu("pve2", 108));

        TaskStatus first = pve.tasks().status(upid);
        TaskStatus last = pve.waitForTask(upid, Duration.ofSeconds(10));

        assertThat(first.upid()).isEqualTo(upid.value());
        assertThat(last.isRunning()).isFalse();
        assertThat(last.exitstatus()).isEqualTo("OK");
        assertThat(last.node()).isEqualTo("pve2");
    }

    @Test
    void logIsReadInPages() {
        Upid upid = pve.guests().start(GuestRef.qemu("pve3", 106));
        pve.waitForTask(upid, Duration.ofSeconds(10));

        LogPage all = pve.tasks().log(upid, 0, 50);
        LogPage tail = pve.tasks().log(upid, (int) all.total() - 1, 1);

        assertThat(all.lines()).isNotEmpty();
        assertThat(all.total()).isEqualTo(all.lines().size());
        assertThat(tail.lines()).singleElement().satisfies(l -> assertThat(l.t()).isEqualTo("TASK OK"));
    }

    @Test
    void aNodesTaskListWithEveryFilter() {
        Instant before = Instant.now().minusSeconds(2);
        Upid ok = pve.guests().start(GuestRef.lxc("pve1", 114));
        sim.faults().failTasks("qmstart", "simulated start failure");
        Upid failed = pve.guests().start(GuestRef.qemu("pve1", 116));
        pve.waitForTask(ok, Duration.ofSeconds(10));
        pve.waitForTask(failed, Duration.ofSeconds(10));

        List<TaskSummary> everything = pve.tasks().list("pve1", new ListOptions().source(Source.ALL)
                .since(before).until(Instant.now().plusSeconds(60)).start(0).limit(500));
        List<TaskSummary> ofCt = pve.tasks().list("pve1", new ListOptions().vmid(114).typeFilter("vzstart")
                .userFilter("root@pam"));
        List<TaskSummary> errors = pve.tasks().list("pve1", new ListOptions().errors(true).source(Source.ARCHIVE));
        List<TaskSummary> active = pve.tasks().list("pve1", new ListOptions().source(Source.ACTIVE));

        assertThat(everything).extracting(TaskSummary::upid).contains(ok.value(), failed.value());
        assertThat(ofCt).extracting(TaskSummary::upid).containsExactly(ok.value());
        assertThat(errors).extracting(TaskSummary::upid).contains(failed.value()).doesNotContain(ok.value());
        assertThat(errors).filteredOn(t -> t.upid().equals(failed.value())).singleElement()
                .satisfies(t -> assertThat(t.status()).isEqualTo("simulated start failure"));
        assertThat(active).extracting(TaskSummary::upid).doesNotContain(ok.value());
    }

    @Test
    void aRunningTaskCanBeStopped() {
        sim.faults().hangTasks("vzdump");
        Upid upid = pve.backups().start("pve2", new Backups.Options().vmid(104).storage("nas"));
        assertThat(pve.tasks().status(upid).isRunning()).isTrue();

        pve.tasks().stop(upid);
        TaskStatus stopped = pve.waitForTask(upid, Duration.ofSeconds(10));

        assertThat(stopped.isSuccess()).isFalse();
        assertThat(stopped.exitstatus()).isNotBlank();
    }

    @Test
    void aTaskNotYetVisibleCountsAsRunning() {
        sim.faults().newTasksInvisibleFor(Duration.ofMillis(600));
        Upid upid = pve.guests().start(GuestRef.qemu("pve2", 117));

        TaskStatus early = pve.tasks().status(upid);
        TaskStatus last = pve.waitForTask(upid, Duration.ofSeconds(10));

        assertThat(early.isRunning()).isTrue();
        assertThat(early.upid()).isEqualTo(upid.value());
        assertThat(last.isSuccess()).isTrue();
    }

    @Test
    void waitingGivesUpWithTimeout() {
        sim.faults().hangTasks("qmshutdown");
        Upid upid = pve.guests().shutdown(GuestRef.qemu("pve3", 118));

        try {
            pve.waitForTask(upid, Duration.ofMillis(300));
            throw new AssertionError("expected a timeout");
        } catch (PveApiException e) {
            assertThat(e.code()).isEqualTo(PveErrorCode.TIMEOUT);
        } finally {
            pve.tasks().stop(upid);
        }
    }
}
