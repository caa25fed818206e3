package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.sim.support.Api;
import io.pveflow.sim.support.Await;
import io.pveflow.sim.support.TestClusters;

class SnapshotTest {

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

    /** name to parent, "current" included. */
    private static Map<String, String> tree(String node, String kind, int vmid) {
        Map<String, String> tree = new LinkedHashMap<>();
        for (JsonNode s : root.get("/nodes/" + node + "/" + kind + "/" + vmid + "/snapshot").data()) {
            tree.put(s.get("name").asText(), s.has("parent") ? s.get("parent").asText() : null);
        }
        return tree;
    }

    private static String exit(String upid) {
        return TestClusters.awaitTask(root, upid).get("exitstatus").asText();
    }

    @Test
    void theListShowsTheTreeWithCurrentHangingFromTheLastSnapshot() {
        Map<String, String> tree = tree("pve1", "qemu", 112);
        assertThat(tree).containsEntry("clean-install", null).containsEntry("with-docker", "clean-install")
                .containsEntry("pre-upgrade", "with-docker").containsEntry("current", "pre-upgrade");
        JsonNode current = root.get("/nodes/pve1/qemu/112/snapshot").data().get(3);
        assertThat(current.get("description").asText()).isEqualTo("You are here!");
    }

    @Test
    void aNewSnapshotBecomesTheParentOfCurrentAndLocksTheGuestMeanwhile() {
        String upid = root.post("/nodes/pve2/lxc/110/snapshot", "snapname", "first", "description", "d1").upid();
        assertThat(upid).contains(":vzsnapshot:110:");
        Api.Response during = root.post("/nodes/pve2/lxc/110/snapshot", "snapname", "second");
        String duringExit = exit(during.upid());
        assertThat(exit(upid)).isEqualTo("OK");
        assertThat(duringExit).isEqualTo("CT is locked (snapshot)");
        assertThat(tree("pve2", "lxc", 110)).containsEntry("first", null).containsEntry("current", "first");
    }

    @Test
    void aSnapshotNameMayBeUsedOnlyOnceAndCurrentIsReserved() {
        assertThat(root.post("/nodes/pve1/qemu/112/snapshot", "snapname", "current").reason())
                .isEqualTo("unable to use snapshot name 'current' (reserved name)");
        String upid = root.post("/nodes/pve1/qemu/112/snapshot", "snapname", "clean-install").upid();
        assertThat(exit(upid)).isEqualTo("snapshot name 'clean-install' already used");
    }

    @Test
    void deletingASnapshotHangsItsChildrenOnItsParent() {
        String upid = root.delete("/nodes/pve1/qemu/102/snapshot/before-pg16").upid();
        assertThat(upid).contains(":qmdelsnapshot:102:");
        assertThat(exit(upid)).isEqualTo("OK");
        assertThat(tree("pve1", "qemu", 102)).containsOnlyKeys("current").containsEntry("current", null);
        assertThat(exit(root.delete("/nodes/pve1/qemu/102/snapshot/nope").upid()))
                .isEqualTo("snapshot 'nope' does not exist");
    }

    @Test
    void aRollbackRestoresTheConfigAndMovesCurrent() {
        String snap = root.post("/nodes/pve3/qemu/106/snapshot", "snapname", "base").upid();
        assertThat(exit(snap)).isEqualTo("OK");
        String upid = root.post("/nodes/pve3/qemu/106/snapshot/base/rollback", "start", "1").upid();
        assertThat(upid).contains(":qmrollback:106:");
        assertThat(exit(upid)).isEqualTo("OK");
        assertThat(tree("pve3", "qemu", 106)).containsEntry("current", "base");
        assertThat(TestClusters.guestStatus(root, "pve3", "qemu", 106)).isEqualTo("running");
    }

    @Test
    void aSnapshotConfigIsReadableAndItsDescriptionUpdateAnswersNull() {
        JsonNode config = root.get("/nodes/pve1/qemu/112/snapshot/with-docker/config").data();
        assertThat(config.get("name").asText()).isEqualTo("test-upgrade");
        Api.Response update = root.put("/nodes/pve1/qemu/112/snapshot/with-docker/config", "description", "new");
        assertThat(update.status()).isEqualTo(200);
        assertThat(update.data().isNull()).isTrue();
        Await.until("the new description", () -> root.get("/nodes/pve1/qemu/112/snapshot").data().get(1)
                .get("description").asText().equals("new"));
        assertThat(root.get("/nodes/pve1/qemu/112/snapshot/nope/config").reason())
                .isEqualTo("snapshot 'nope' does not exist");
    }
}
