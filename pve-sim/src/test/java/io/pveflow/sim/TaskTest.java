package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.sim.support.Api;
import io.pveflow.sim.support.Await;
import io.pveflow.sim.support.TestClusters;

class TaskTest {

    /** The parser from README's task notes. */
    static final String UPID_REGEX = "^UPID:([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):"
            + "([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):$";

    static PveSimulator sim;
    static Api root;

    @BeforeAll
    static void start() {
        sim = TestClusters.start();
        root = Api.root(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void aUpidHasPvesFormatAndNamesTheToken() {
        String upid = root.post("/nodes/pve1/qemu/112/snapshot", "snapname", "fmt").upid();
        assertThat(upid).matches(UPID_REGEX);
        assertThat(upid.split(":")[5]).isEqualTo("qmsnapshot");
        assertThat(upid.split(":")[6]).isEqualTo("112");
        assertThat(upid.split(":")[7]).isEqualTo("root@pam!pveflow");
    }

    @Test
    void aTaskRunsThenStopsWithExitStatusAndLog() {
        String upid = root.post("/nodes/pve1/qemu/102/snapshot", "snapname", "status1").upid();
        JsonNode running = root.get("/nodes/pve1/tasks/" + upid + "/status").data();
        assertThat(running.get("status").asText()).isEqualTo("running");
        assertThat(running.has("exitstatus")).isFalse();
        assertThat(running.get("type").asText()).isEqualTo("qmsnapshot");
        assertThat(running.get("user").asText()).isEqualTo("root@pam");
        assertThat(running.get("tokenid").asText()).isEqualTo("pveflow");

        JsonNode done = TestClusters.awaitTask(root, upid);
        assertThat(done.get("exitstatus").asText()).isEqualTo("OK");
        Api.Response log = root.get("/nodes/pve1/tasks/" + upid + "/log", "start", "0", "limit", "500");
        assertThat(log.body().get("total").asInt()).isEqualTo(log.data().size());
        assertThat(log.data().get(log.data().size() - 1).get("t").asText()).isEqualTo("TASK OK");
        assertThat(log.data().get(0).get("n").asInt()).isEqualTo(1);
    }

    @Test
    void theNodeTaskListFiltersBySourceVmidTypeAndErrors() {
        String upid = root.post("/nodes/pve3/qemu/118/status/start").upid(); // fails: already running
        TestClusters.awaitTask(root, upid);
        sim.faults().hangTasks("qmreboot");
        String hanging = root.post("/nodes/pve3/qemu/118/status/reboot").upid();
        try {
            assertThat(upids(root.get("/nodes/pve3/tasks", "source", "archive", "vmid", "118"))).contains(upid)
                    .doesNotContain(hanging);
            assertThat(upids(root.get("/nodes/pve3/tasks", "source", "active"))).contains(hanging)
                    .doesNotContain(upid);
            assertThat(upids(root.get("/nodes/pve3/tasks", "source", "all", "typefilter", "qmstart"))).contains(upid)
                    .doesNotContain(hanging);
            assertThat(upids(root.get("/nodes/pve3/tasks", "errors", "1"))).contains(upid);
            Api.Response list = root.get("/nodes/pve3/tasks", "source", "all", "limit", "1");
            assertThat(list.data().size()).isEqualTo(1);
            assertThat(list.body().get("total").asInt()).isGreaterThanOrEqualTo(2);
            JsonNode finished = find(root.get("/nodes/pve3/tasks"), upid);
            assertThat(finished.get("status").asText()).isEqualTo("VM 118 already running");
            assertThat(finished.get("endtime").asLong()).isGreaterThanOrEqualTo(finished.get("starttime").asLong());
        } finally {
            root.delete("/nodes/pve3/tasks/" + hanging);
            sim.faults().clear();
        }
    }

    @Test
    void stoppingATaskEndsItWithAnError() {
        sim.faults().hangTasks("vzshutdown");
        try {
            String upid = root.post("/nodes/pve2/lxc/104/status/shutdown").upid();
            assertThat(root.delete("/nodes/pve2/tasks/" + upid).status()).isEqualTo(200);
            assertThat(TestClusters.awaitTask(root, upid).get("exitstatus").asText())
                    .isEqualTo("interrupted by signal");
            assertThat(TestClusters.guestStatus(root, "pve2", "lxc", 104)).isEqualTo("running");
        } finally {
            sim.faults().clear();
        }
    }

    @Test
    void anInjectedTaskFailureEndsTheTaskWithThatErrorAndReleasesTheLock() {
        sim.faults().failTasks("qmsnapshot", "snapshot feature is not available");
        try {
            String upid = root.post("/nodes/pve1/qemu/100/snapshot", "snapname", "willfail").upid();
            assertThat(TestClusters.awaitTask(root, upid).get("exitstatus").asText())
                    .isEqualTo("snapshot feature is not available");
            assertThat(root.get("/nodes/pve1/qemu/100/config").data().has("lock")).isFalse();
        } finally {
            sim.faults().clear();
        }
    }

    @Test
    void aNewTaskMayBrieflyBeUnknownWhenConfigured() {
        sim.faults().newTasksInvisibleFor(Duration.ofMillis(400));
        try {
            String upid = root.post("/nodes/pve1/qemu/112/snapshot", "snapname", "invisible").upid();
            Api.Response early = root.get("/nodes/pve1/tasks/" + upid + "/status");
            assertThat(early.status()).isEqualTo(400);
            assertThat(early.error("upid")).isEqualTo("no such task");
            TestClusters.awaitTask(root, upid);
        } finally {
            sim.faults().clear();
        }
    }

    @Test
    void anUnknownOrMalformedUpidIs400() {
        assertThat(root.get("/nodes/pve1/tasks/UPID:pve1:00000001:00000001:00000001:qmstart:100:root@pam:/status")
                .error("upid")).isEqualTo("no such task");
        assertThat(root.get("/nodes/pve1/tasks/garbage/status").error("upid")).isEqualTo("unable to parse worker upid");
    }

    @Test
    void theClusterTaskListShowsRecentTasksOfAllNodes() {
        String upid = root.post("/nodes/pve2/qemu/107/snapshot", "snapname", "cl").upid();
        Await.until("the task in /cluster/tasks", () -> upids(root.get("/cluster/tasks")).contains(upid));
    }

    @Test
    void powerActionsOnOneGuestWaitForEachOther() {
        String first = root.post("/nodes/pve2/qemu/117/status/start").upid();
        String second = root.post("/nodes/pve2/qemu/117/status/start").upid();
        assertThat(TestClusters.awaitTask(root, first).get("exitstatus").asText()).isEqualTo("OK");
        assertThat(TestClusters.awaitTask(root, second).get("exitstatus").asText())
                .isEqualTo("VM 117 already running");
    }

    private static List<String> upids(Api.Response r) {
        List<String> list = new ArrayList<>();
        r.data().forEach(t -> list.add(t.get("upid").asText()));
        return list;
    }

    private static JsonNode find(Api.Response r, String upid) {
        for (JsonNode t : r.data()) {
            if (t.get("upid").asText().equals(upid)) {
                return t;
            }
        }
        throw new AssertionError(upid + " not in list");
    }
}
