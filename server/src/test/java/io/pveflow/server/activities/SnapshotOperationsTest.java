package io.pveflow.server.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.Upid;
import io.pveflow.pve.client.model.Snapshot;

/**
 * pveSnapshotDelete, pveSnapshotRollback and pveSnapshotUpdate on the demo cluster. Guests this class changes:
 * VM 112 (its three snapshots) and CT 109 (a snapshot the test takes itself).
 */
class SnapshotOperationsTest extends ActivityTestSupport {

    @Test
    void updatesASnapshotDescriptionAtOnce() throws Exception {
        Map<String, Object> vars = awaitEnd(run("snapOpsUpdate", step("pveSnapshotUpdate", false, field("vmid", "112")
                + field("snapname", "with-docker") + field("description", "docker 27 installed")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat(snapshot(guestRef(112), "with-docker").description()).isEqualTo("docker 27 installed");

        Map<String, Object> missing = awaitEnd(run("snapOpsUpdateMissing", step("pveSnapshotUpdate", false,
                field("vmid", "112") + field("snapname", "no-such-snap") + field("description", "x")), Map.of()));
        assertThat(missing.get("$end")).isEqualTo("failed");
        assertThat(missing.get("error")).isEqualTo("PVE_NOT_FOUND");
    }

    @Test
    void deletesASnapshotAndARetryFindsNothingLeftToDo() throws Exception {
        Map<String, Object> first = awaitEnd(run("snapOpsDelete", step("pveSnapshotDelete", true,
                field("vmid", "112") + field("snapname", "pre-upgrade")), Map.of()));
        assertThat(first.get("$end")).as(first.toString()).isEqualTo("done");
        assertThat((String) first.get("upid")).contains(":qmdelsnapshot:112:");
        assertThat(snapshot(guestRef(112), "pre-upgrade")).isNull();

        Map<String, Object> again = awaitEnd(runtime.startProcessInstanceByKeyAndTenantId("snapOpsDelete", Map.of(), "demo").getId());
        assertThat(again.get("$end")).as("a snapshot that is gone is what the step wants").isEqualTo("done");
        assertThat(again.get("upid")).isNull();

        Map<String, Object> noGuest = awaitEnd(run("snapOpsDeleteNoGuest", step("pveSnapshotDelete", true,
                field("vmid", "999") + field("snapname", "pre-upgrade")), Map.of()));
        assertThat(noGuest.get("error")).isEqualTo("PVE_NOT_FOUND");
    }

    @Test
    void rollsAVmBackAndStartsIt() throws Exception {
        Map<String, Object> missing = awaitEnd(run("snapOpsRollbackMissing", step("pveSnapshotRollback", true,
                field("vmid", "112") + field("snapname", "no-such-snap")), Map.of()));
        assertThat(missing.get("$end")).isEqualTo("failed");
        assertThat(missing.get("error")).isEqualTo("PVE_NOT_FOUND");

        Map<String, Object> vars = awaitEnd(run("snapOpsRollback", step("pveSnapshotRollback", true,
                field("vmid", "112") + field("snapname", "clean-install") + field("start", "true")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat((String) vars.get("upid")).contains(":qmrollback:112:");
        assertThat(pve().guests().status(guestRef(112)).status()).as("started after the rollback").isEqualTo("running");
        assertThat(snapshot(guestRef(112), "clean-install")).as("a rollback keeps the snapshot").isNotNull();
    }

    @Test
    void rollsAContainerBackAndDeletesItsSnapshot() throws Exception {
        GuestRef ct = guestRef(109);
        Upid taken = pve().snapshots().create(ct, "ops-before", "taken by SnapshotOperationsTest");
        assertThat(pve().waitForTask(taken, Duration.ofSeconds(30)).isSuccess()).isTrue();

        Map<String, Object> rollback = awaitEnd(run("snapOpsCtRollback", step("pveSnapshotRollback", true,
                field("vmid", "109") + field("snapname", "ops-before")), Map.of()));
        assertThat(rollback.get("$end")).as(rollback.toString()).isEqualTo("done");
        assertThat((String) rollback.get("upid")).contains(":vzrollback:109:");

        Map<String, Object> delete = awaitEnd(run("snapOpsCtDelete", step("pveSnapshotDelete", true,
                field("vmid", "109") + field("snapname", "ops-before") + field("resultVariable", "deleted")), Map.of()));
        assertThat(delete.get("$end")).as(delete.toString()).isEqualTo("done");
        assertThat((String) delete.get("deleted")).contains(":vzdelsnapshot:109:");
        assertThat(snapshot(guestRef(109), "ops-before")).isNull();
    }

    private Snapshot snapshot(GuestRef guest, String name) {
        return pve().snapshots().list(guest).stream().filter(s -> name.equals(s.name())).findFirst().orElse(null);
    }
}
