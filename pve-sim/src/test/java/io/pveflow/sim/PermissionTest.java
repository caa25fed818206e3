package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.sim.support.Api;
import io.pveflow.sim.support.TestClusters;

class PermissionTest {

    static PveSimulator sim;

    @BeforeAll
    static void start() {
        sim = TestClusters.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void aTokenWithoutVmSnapshotGets403() {
        Api noSnapshot = Api.token(sim, TestClusters.NO_SNAPSHOT_TOKEN, TestClusters.NO_SNAPSHOT_SECRET);
        Api.Response r = noSnapshot.post("/nodes/pve1/qemu/100/snapshot", "snapname", "denied");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.reason()).isEqualTo("Permission check failed (/vms/100, VM.Snapshot)");
        assertThat(r.message()).isEqualTo("Permission check failed (/vms/100, VM.Snapshot)\n");
    }

    @Test
    void tellsEachCallerItsOwnPermissions() {
        Api noSnapshot = Api.token(sim, TestClusters.NO_SNAPSHOT_TOKEN, TestClusters.NO_SNAPSHOT_SECRET);
        Api.Response mine = noSnapshot.get("/access/permissions");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.data().path("/vms").path("VM.PowerMgmt").asInt()).isEqualTo(1);
        assertThat(mine.data().path("/vms").has("VM.Snapshot")).isFalse();
        Api.Response root = Api.root(sim).get("/access/permissions");
        assertThat(root.data().path("/").path("Sys.Console").asInt()).isEqualTo(1);
        assertThat(noSnapshot.get("/access/permissions", "userid", "root@pam").status()).isEqualTo(403);
        assertThat(noSnapshot.get("/access/permissions", "userid", "bad id").status()).isEqualTo(400);
    }

    @Test
    void theSameTokenMayDoWhatItsPrivilegesAllow() {
        Api noSnapshot = Api.token(sim, TestClusters.NO_SNAPSHOT_TOKEN, TestClusters.NO_SNAPSHOT_SECRET);
        Api.Response r = noSnapshot.post("/nodes/pve2/qemu/117/status/start");
        assertThat(r.upid()).endsWith(":qmstart:117:operator@pve!nosnap:");
    }

    @Test
    void anAuditorMayReadButNotPowerGuests() {
        Api auditor = Api.token(sim, "auditor@pve!monitoring", "7d2a9c4e-1f8b-4e3a-b6d5-0a9c8e7f2b14");
        assertThat(auditor.get("/nodes/pve1/qemu/100/status/current").status()).isEqualTo(200);
        Api.Response r = auditor.post("/nodes/pve1/qemu/100/status/stop");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.reason()).isEqualTo("Permission check failed (/vms/100, VM.PowerMgmt)");
    }

    @Test
    void listsShowOnlyGuestsTheCallerMayAudit() {
        Api only100 = Api.token(sim, TestClusters.ONLY_100_TOKEN, TestClusters.ONLY_100_SECRET);
        assertThat(vmids(only100.get("/nodes/pve1/qemu").data())).containsExactly(100);
        assertThat(vmids(only100.get("/cluster/resources", "type", "vm").data())).containsExactly(100);
        assertThat(only100.get("/nodes/pve1/qemu/102/config").status()).isEqualTo(403);
    }

    @Test
    void changingHaResourcesNeedsSysConsoleOnRoot() {
        Api operator = Api.token(sim, "operator@pve!automation", "0c6f3e1a-2b7d-4f9e-a5c8-3e9d1b7f6a20");
        Api.Response r = operator.post("/cluster/ha/resources", "sid", "vm:118");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.reason()).isEqualTo("Permission check failed (/, Sys.Console)");
    }

    @Test
    void aBackupNeedsVmBackupOnEveryGuest() {
        Api only100 = Api.token(sim, TestClusters.ONLY_100_TOKEN, TestClusters.ONLY_100_SECRET);
        Api.Response r = only100.post("/nodes/pve1/vzdump", "vmid", "100", "storage", "nas");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.reason()).startsWith("Permission check failed (");
    }

    private static List<Integer> vmids(JsonNode list) {
        List<Integer> ids = new ArrayList<>();
        list.forEach(e -> ids.add(e.get("vmid").asInt()));
        return ids;
    }
}
