package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.sim.support.Api;
import io.pveflow.sim.support.Await;
import io.pveflow.sim.support.TestClusters;

/** Which calls answer with a task, and which failures come before the worker (HTTP 500) or inside it. */
class GuestLifecycleTest {

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

    private static String exit(String upid) {
        return TestClusters.awaitTask(root, upid).get("exitstatus").asText();
    }

    @Test
    void startingARunningVmFailsInsideTheWorker() {
        String upid = root.post("/nodes/pve3/qemu/118/status/start").upid();
        assertThat(exit(upid)).isEqualTo("VM 118 already running");
        JsonNode log = root.get("/nodes/pve3/tasks/" + upid + "/log").data();
        assertThat(log.get(log.size() - 1).get("t").asText()).isEqualTo("TASK ERROR: VM 118 already running");
    }

    @Test
    void resettingAStoppedVmFailsBeforeTheWorker() {
        Api.Response r = root.post("/nodes/pve1/qemu/116/status/reset");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reason()).isEqualTo("VM 116 not running");
    }

    @Test
    void rebootSuspendAndResumeOfAStoppedVmFailBeforeTheWorker() {
        assertThat(root.post("/nodes/pve1/qemu/116/status/reboot").reason()).isEqualTo("VM 116 not running");
        assertThat(root.post("/nodes/pve1/qemu/116/status/suspend").reason()).isEqualTo("VM 116 not running");
        assertThat(root.post("/nodes/pve1/qemu/116/status/resume").reason()).isEqualTo("VM 116 not running");
    }

    @Test
    void containerStateErrorsComeBeforeTheWorker() {
        assertThat(root.post("/nodes/pve2/lxc/110/status/start").reason()).isEqualTo("CT 110 already running");
        assertThat(root.post("/nodes/pve1/lxc/114/status/stop").reason()).isEqualTo("CT 114 not running");
        assertThat(root.post("/nodes/pve1/lxc/114/status/shutdown").reason()).isEqualTo("CT 114 not running");
        assertThat(root.post("/nodes/pve1/lxc/114/status/suspend").reason()).isEqualTo("CT 114 not running");
    }

    @Test
    void aVmStopsAndStartsThroughTasks() {
        String stop = root.post("/nodes/pve3/qemu/113/status/shutdown").upid();
        assertThat(stop).contains(":qmshutdown:113:");
        assertThat(exit(stop)).isEqualTo("OK");
        assertThat(TestClusters.guestStatus(root, "pve3", "qemu", 113)).isEqualTo("stopped");
        assertThat(exit(root.post("/nodes/pve3/qemu/113/status/start").upid())).isEqualTo("OK");
        assertThat(TestClusters.guestStatus(root, "pve3", "qemu", 113)).isEqualTo("running");
    }

    @Test
    void aContainerStopsAndStartsThroughTasks() {
        String stop = root.post("/nodes/pve2/lxc/115/status/stop").upid();
        assertThat(stop).contains(":vzstop:115:");
        assertThat(exit(stop)).isEqualTo("OK");
        assertThat(exit(root.post("/nodes/pve2/lxc/115/status/start").upid())).isEqualTo("OK");
        assertThat(TestClusters.guestStatus(root, "pve2", "lxc", 115)).isEqualTo("running");
    }

    @Test
    void suspendPausesAndResumeContinues() {
        assertThat(exit(root.post("/nodes/pve2/qemu/107/status/suspend").upid())).isEqualTo("OK");
        assertThat(root.get("/nodes/pve2/qemu/107/status/current").data().get("qmpstatus").asText())
                .isEqualTo("paused");
        assertThat(exit(root.post("/nodes/pve2/qemu/107/status/resume").upid())).isEqualTo("OK");
        assertThat(root.get("/nodes/pve2/qemu/107/status/current").data().get("qmpstatus").asText())
                .isEqualTo("running");
    }

    @Test
    void aLockedGuestFailsInsideTheWorkerWithItsLock() {
        sim.faults().stuckLock(106, "backup");
        try {
            String upid = root.post("/nodes/pve3/qemu/106/status/start").upid();
            assertThat(exit(upid)).isEqualTo("VM is locked (backup)");
            assertThat(root.get("/nodes/pve3/qemu/106/config").data().get("lock").asText()).isEqualTo("backup");
        } finally {
            sim.faults().releaseLock(106);
        }
    }

    @Test
    void migratingARunningVmWithoutOnlineFailsBeforeTheWorker() {
        Api.Response r = root.post("/nodes/pve1/qemu/102/migrate", "target", "pve2");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reason()).isEqualTo("can't migrate running VM without --online");
    }

    @Test
    void aStoppedVmMigratesAndHoldsTheMigrateLockMeanwhile() {
        String upid = root.post("/nodes/pve2/qemu/108/migrate", "target", "pve3").upid();
        assertThat(upid).contains(":qmigrate:108:");
        Await.until("the migrate lock or the end of the task",
                () -> sim.cluster().read(() -> "migrate".equals(sim.cluster().guest(108).lock())
                        || sim.cluster().guest(108).node().equals("pve3")));
        assertThat(exit(upid)).isEqualTo("OK");
        assertThat(root.get("/nodes/pve3/qemu/108/status/current").status()).isEqualTo(200);
        assertThat(root.get("/nodes/pve3/qemu/108/config").data().has("lock")).isFalse();
    }

    @Test
    void liveMigrationWithLocalDisksNeedsWithLocalDisksInsideTheWorker() {
        String upid = root.post("/nodes/pve3/qemu/103/migrate", "target", "pve1", "online", "1").upid();
        assertThat(exit(upid)).isEqualTo("can't live migrate attached local disks without with-local-disks option");
    }

    @Test
    void aRunningContainerMigratesOnlyInRestartMode() {
        assertThat(root.post("/nodes/pve3/lxc/111/migrate", "target", "pve1").reason())
                .isEqualTo("running container can only be migrated in restart mode");
        assertThat(root.post("/nodes/pve3/lxc/111/migrate", "target", "pve1", "online", "1").reason())
                .isEqualTo("lxc live migration is currently not implemented");
        String upid = root.post("/nodes/pve3/lxc/111/migrate", "target", "pve1", "restart", "1").upid();
        assertThat(exit(upid)).isEqualTo("OK");
        assertThat(TestClusters.guestStatus(root, "pve1", "lxc", 111)).isEqualTo("running");
    }

    @Test
    void theMigratePreconditionListsAllowedNodesAndLocalDisks() {
        JsonNode pre = root.get("/nodes/pve1/qemu/102/migrate").data();
        assertThat(pre.get("running").asInt()).isEqualTo(1);
        assertThat(pre.get("allowed_nodes").toString()).contains("pve2", "pve3");
        assertThat(pre.get("local_disks").size()).isEqualTo(2);
    }

    @Test
    void aVmTemplateReturnsAUpidAndAContainerTemplateReturnsNull() {
        String upid = root.post("/nodes/pve1/qemu/116/template").upid();
        assertThat(upid).contains(":qmtemplate:116:");
        assertThat(exit(upid)).isEqualTo("OK");
        assertThat(root.get("/nodes/pve1/qemu/116/config").data().get("template").asInt()).isEqualTo(1);

        Api.Response ct = root.post("/nodes/pve1/lxc/114/template");
        assertThat(ct.status()).isEqualTo(200);
        assertThat(ct.data().isNull()).isTrue();
        Await.until("the vztemplate worker", () -> sim.cluster().read(() -> sim.cluster().guest(114).template()));
    }

    @Test
    void templateOfARunningVmFailsBeforeTheWorker() {
        assertThat(root.post("/nodes/pve1/qemu/100/template").reason())
                .isEqualTo("you can't convert a VM to template if VM is running");
    }

    @Test
    void nextIdIsTheLowestFreeIdAsAString() {
        Api.Response r = root.get("/cluster/nextid");
        assertThat(r.data().isTextual()).isTrue();
        assertThat(r.data().asText()).isEqualTo("119");
        assertThat(root.get("/cluster/nextid", "vmid", "100").error("vmid")).isEqualTo("VM 100 already exists");
    }
}
