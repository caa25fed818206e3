package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.sim.support.Api;
import io.pveflow.sim.support.Await;
import io.pveflow.sim.support.TestClusters;

/** HA requests end at once while the guest follows later; config changes answer null, not a UPID. */
class HaAndReplicationTest {

    static PveSimulator sim;
    static Api root;

    @BeforeAll
    static void start() {
        sim = PveSimulator.builder().cluster(TestClusters.demoFast()
                .withTimings(TestClusters.demoFast().timings().withHaDelayMillis(1500))).port(0).start();
        root = Api.root(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void stoppingAnHaGuestStartsAnHastopTaskThatEndsBeforeTheGuestStops() {
        String upid = root.post("/nodes/pve2/qemu/101/status/stop").upid();
        assertThat(upid).contains(":hastop:101:");
        assertThat(TestClusters.awaitTask(root, upid).get("exitstatus").asText()).isEqualTo("OK");
        assertThat(TestClusters.guestStatus(root, "pve2", "qemu", 101)).isEqualTo("running");
        Await.until("the HA manager to stop VM 101",
                () -> TestClusters.guestStatus(root, "pve2", "qemu", 101).equals("stopped"));
        JsonNode ha = root.get("/nodes/pve2/qemu/101/status/current").data().get("ha");
        assertThat(ha.get("managed").asInt()).isEqualTo(1);
        assertThat(ha.get("state").asText()).isEqualTo("stopped");

        String start = root.post("/nodes/pve2/qemu/101/status/start").upid();
        assertThat(start).contains(":hastart:101:");
        Await.until("the HA manager to start VM 101",
                () -> TestClusters.guestStatus(root, "pve2", "qemu", 101).equals("running"));
    }

    @Test
    void haResourceChangesAnswerNull() {
        Api.Response add = root.post("/cluster/ha/resources", "sid", "vm:118", "state", "started", "comment", "x");
        assertThat(add.status()).isEqualTo(200);
        assertThat(add.data().isNull()).isTrue();
        assertThat(root.get("/cluster/ha/resources/vm:118").data().get("comment").asText()).isEqualTo("x");
        assertThat(root.put("/cluster/ha/resources/vm:118", "max_restart", "3").data().isNull()).isTrue();
        assertThat(root.post("/cluster/ha/resources", "sid", "vm:118").reason())
                .isEqualTo("resource ID 'vm:118' already defined");
        assertThat(root.delete("/cluster/ha/resources/vm:118").data().isNull()).isTrue();
    }

    @Test
    void anHaMigrationAnswersTheRequestAndTheGuestMovesLater() {
        Api.Response r = root.post("/cluster/ha/resources/ct:105/migrate", "node", "pve1");
        assertThat(r.data().get("sid").asText()).isEqualTo("ct:105");
        assertThat(r.data().get("requested-node").asText()).isEqualTo("pve1");
        Await.until("CT 105 on pve1", () -> sim.cluster().read(() -> sim.cluster().guest(105).node()).equals("pve1"));
    }

    @Test
    void migratingAnHaVmThroughTheGuestApiStartsAnHamigrateTask() {
        String upid = root.post("/nodes/pve1/qemu/100/migrate", "target", "pve3", "online", "1").upid();
        assertThat(upid).contains(":hamigrate:100:");
        assertThat(TestClusters.awaitTask(root, upid).get("exitstatus").asText()).isEqualTo("OK");
        Await.until("VM 100 on pve3", () -> sim.cluster().read(() -> sim.cluster().guest(100).node()).equals("pve3"));
    }

    @Test
    void haStatusListsQuorumMasterLrmsAndServices() {
        JsonNode status = root.get("/cluster/ha/status/current").data();
        assertThat(status.toString()).contains("\"type\":\"quorum\"", "\"type\":\"master\"", "lrm:pve1",
                "service:ct:105");
    }

    @Test
    void replicationConfigChangesAnswerNullAndScheduleNowAString() {
        Api.Response create = root.post("/cluster/replication", "id", "110-0", "target", "pve3", "type", "local");
        assertThat(create.data().isNull()).isTrue();
        assertThat(root.put("/cluster/replication/110-0", "schedule", "*/5").data().isNull()).isTrue();

        Api.Response now = root.post("/nodes/pve2/replication/110-0/schedule_now");
        assertThat(now.data().isTextual()).isTrue();
        assertThat(now.data().asText()).doesNotStartWith("UPID:");
        Await.until("the replication run", () -> root.get("/nodes/pve2/replication/110-0/status").data()
                .get("last_sync").asLong() > 0);
        JsonNode job = root.get("/nodes/pve2/replication", "guest", "110").data().get(0);
        assertThat(job.get("fail_count").asInt()).isZero();
        assertThat(job.get("target").asText()).isEqualTo("pve3");
        assertThat(root.delete("/cluster/replication/110-0").data().isNull()).isTrue();
    }

    @Test
    void replicationJobsAreListedClusterWide() {
        JsonNode jobs = root.get("/cluster/replication").data();
        assertThat(jobs.toString()).contains("\"id\":\"102-0\"", "\"guest\":102");
    }
}
