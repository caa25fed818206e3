package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pveflow.pve.client.model.Snapshot;
import io.pveflow.pve.client.model.StorageVolume;
import io.pveflow.pve.client.model.TaskStatus;
import io.pveflow.pve.client.testing.RecordTestNames;
import io.pveflow.pve.client.testing.TestClusters;
import io.pveflow.sim.PveSimulator;

@ExtendWith(RecordTestNames.class)
class SnapshotsAndBackupsTest {

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

    private static TaskStatus finish(Upid upid) {
        TaskStatus status = pve.waitForTask(upid, Duration.ofSeconds(20));
        assertThat(status.isSuccess()).as("%s: %s", upid, status.exitstatus()).isTrue();
        return status;
    }

    @Test
    void listsSnapshotsWithoutThePseudoEntryCurrent() {
        List<Snapshot> snapshots = pve.snapshots().list(GuestRef.qemu("pve1", 112));

        assertThat(snapshots).extracting(Snapshot::name)
                .containsExactlyInAnyOrder("clean-install", "with-docker", "pre-upgrade");
    }

    @Test
    void vmSnapshotLifecycle() {
        GuestRef vm = GuestRef.qemu("pve1", 112);

        assertThat(finish(pve.snapshots().create(vm, "before-test", "made by the client test")).type())
                .isEqualTo("qmsnapshot");
        assertThat(pve.snapshots().list(vm)).extracting(Snapshot::name).contains("before-test");
        assertThat(pve.snapshots().config(vm, "before-test").values()).isNotEmpty();

        pve.snapshots().updateDescription(vm, "before-test", "new words");
        assertThat(pve.snapshots().list(vm)).filteredOn(s -> s.name().equals("before-test"))
                .extracting(Snapshot::description).containsExactly("new words");

        assertThat(finish(pve.snapshots().rollback(vm, "before-test", false)).type()).isEqualTo("qmrollback");
        assertThat(finish(pve.snapshots().delete(vm, "before-test")).type()).isEqualTo("qmdelsnapshot");
        assertThat(pve.snapshots().list(vm)).extracting(Snapshot::name).doesNotContain("before-test");
    }

    @Test
    void vmSnapshotWithRamOfARunningVm() {
        GuestRef vm = GuestRef.qemu("pve1", 102);

        finish(pve.snapshots().create(vm, "with-ram", null, true));

        assertThat(pve.snapshots().list(vm)).filteredOn(s -> s.name().equals("with-ram"))
                .extracting(Snapshot::vmstate).containsExactly(true);
        finish(pve.snapshots().rollback(vm, "with-ram", true));
        finish(pve.snapshots().delete(vm, "with-ram", true));
    }

    @Test
    void containerSnapshotLifecycle() {
        GuestRef ct = GuestRef.lxc("pve1", 109);

        assertThat(finish(pve.snapshots().create(ct, "ct-snap", "container")).type()).isEqualTo("vzsnapshot");
        assertThat(pve.snapshots().list(ct)).extracting(Snapshot::name).containsExactly("ct-snap");
        assertThat(pve.snapshots().config(ct, "ct-snap").has("rootfs")).isTrue();
        pve.snapshots().updateDescription(ct, "ct-snap", "changed");
        finish(pve.snapshots().rollback(ct, "ct-snap", false));
        assertThat(finish(pve.snapshots().delete(ct, "ct-snap")).type()).isEqualTo("vzdelsnapshot");
    }

    @Test
    void backsUpOneGuestWithNotesAndFindsTheArchive() {
        Upid task = pve.backups().start("pve1", new Backups.Options().vmid(102).storage("nas")
                .mode(Backups.Options.Mode.SNAPSHOT).compress("zstd").notesTemplate("{{guestname}} by test")
                .protect(true).remove(false).bwlimit(0));

        assertThat(task.type()).isEqualTo("vzdump");
        assertThat(task.id()).isEqualTo("102");
        finish(task);
        List<StorageVolume> backups = pve.storage().content("pve1", "nas", "backup", 102);
        assertThat(backups).anySatisfy(v -> {
            assertThat(v.notes()).isEqualTo("db01 by test");
            assertThat(v.isProtected()).isTrue();
        });
    }

    @Test
    void backsUpSeveralGuestsInOneTaskWithPruning() {
        Upid task = pve.backups().start("pve1", new Backups.Options().vmids(List.of(109, 112)).storage("nas")
                .mode(Backups.Options.Mode.STOP).pruneBackups("keep-last=1"));

        assertThat(task.id()).isEmpty();
        finish(task);
        assertThat(pve.storage().content("pve1", "nas", "backup", 109)).hasSize(1);
    }
}
