package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pveflow.pve.client.model.HaMigration;
import io.pveflow.pve.client.model.HaResource;
import io.pveflow.pve.client.model.HaStatusEntry;
import io.pveflow.pve.client.model.LogPage;
import io.pveflow.pve.client.model.ReplicationJob;
import io.pveflow.pve.client.model.ReplicationState;
import io.pveflow.pve.client.model.StorageConfig;
import io.pveflow.pve.client.model.StorageStatus;
import io.pveflow.pve.client.model.StorageVolume;
import io.pveflow.pve.client.testing.RecordTestNames;
import io.pveflow.pve.client.testing.TestClusters;
import io.pveflow.sim.PveSimulator;

@ExtendWith(RecordTestNames.class)
class StorageHaReplicationTest {

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

    // --- storage ---------------------------------------------------------------------------------------

    @Test
    void storageDefinitionsOfTheCluster() {
        assertThat(pve.storage().definitions(null)).extracting(StorageConfig::storage)
                .containsExactlyInAnyOrder("local", "local-lvm", "nas", "ceph");
        assertThat(pve.storage().definitions("nfs")).extracting(StorageConfig::storage).containsExactly("nas");
    }

    @Test
    void storagesSeenByANodeWithUsage() {
        List<StorageStatus> all = pve.storage().onNode("pve1", null);
        List<StorageStatus> forBackups = pve.storage().onNode("pve1", "backup");

        assertThat(all).extracting(StorageStatus::storage).contains("local", "nas", "ceph");
        assertThat(all).allSatisfy(s -> assertThat(s.total()).isPositive());
        assertThat(forBackups).extracting(StorageStatus::storage).containsExactlyInAnyOrder("local", "nas");
    }

    @Test
    void oneStoragesStatusAndStatistics() {
        StorageStatus nas = pve.storage().status("pve1", "nas");

        assertThat(nas.storage()).isEqualTo("nas");
        assertThat(nas.shared()).isTrue();
        assertThat(nas.used()).isPositive().isLessThan(nas.total());
        assertThat(pve.storage().rrd("pve1", "nas", Timeframe.MONTH, Consolidation.AVERAGE)).isNotEmpty();
    }

    @Test
    void storageContentByTypeAndGuest() {
        List<StorageVolume> isos = pve.storage().content("pve2", "nas", "iso", null);
        List<StorageVolume> db01 = pve.storage().content("pve2", "nas", null, 102);

        assertThat(isos).extracting(StorageVolume::volid).anyMatch(v -> v.contains("debian-12.8.0"));
        assertThat(db01).hasSize(2).allSatisfy(v -> assertThat(v.vmid()).isEqualTo(102));
        assertThat(db01).filteredOn(v -> Boolean.TRUE.equals(v.isProtected())).hasSize(1);
    }

    // --- HA --------------------------------------------------------------------------------------------

    @Test
    void haResourcesAndStatus() {
        assertThat(pve.ha().resources(null)).extracting(HaResource::sid)
                .contains("vm:100", "vm:101", "ct:105");
        assertThat(pve.ha().resources("ct")).extracting(HaResource::sid).contains("ct:105").doesNotContain("vm:100");
        assertThat(pve.ha().resource("vm:100").state()).isEqualTo("started");
        List<HaStatusEntry> status = pve.ha().status();
        assertThat(status).anySatisfy(e -> assertThat(e.id()).isEqualTo("quorum"));
        assertThat(status).anySatisfy(e -> assertThat(e.sid()).isEqualTo("vm:100"));
    }

    @Test
    void haAddUpdateAndRemove() {
        pve.ha().add("vm:103", new Ha.Options().state(Ha.Options.State.STARTED).maxRestart(2).maxRelocate(1)
                .comment("added by test").failback(true));
        HaResource added = pve.ha().resource("vm:103");
        assertThat(added.maxRestart()).isEqualTo(2);
        assertThat(added.comment()).isEqualTo("added by test");

        pve.ha().update("vm:103", new Ha.Options().state(Ha.Options.State.STOPPED).digest(added.digest()));
        assertThat(pve.ha().resource("vm:103").state()).isEqualTo("stopped");

        pve.ha().remove("vm:103", true);
        assertThat(pve.ha().resources("vm")).extracting(HaResource::sid).doesNotContain("vm:103");
    }

    @Test
    void haMigrateAndRelocateAnswerWhatWillHappen() {
        Optional<HaMigration> migration = pve.ha().migrate("vm:101", "pve3");
        Optional<HaMigration> relocation = pve.ha().relocate("ct:105", "pve1");

        assertThat(migration).hasValueSatisfying(m -> {
            assertThat(m.sid()).isEqualTo("vm:101");
            assertThat(m.requestedNode()).isEqualTo("pve3");
        });
        assertThat(relocation).isPresent();
    }

    // --- replication -------------------------------------------------------------------------------------

    @Test
    void replicationJobsAndTheirState() {
        assertThat(pve.replication().jobs()).extracting(ReplicationJob::id).contains("102-0", "109-0");
        ReplicationJob job = pve.replication().job("102-0");
        assertThat(job.guest()).isEqualTo(102);
        assertThat(job.target()).isEqualTo("pve2");

        List<ReplicationState> states = pve.replication().states("pve1", null);
        assertThat(states).extracting(ReplicationState::id).contains("102-0", "109-0");
        assertThat(pve.replication().states("pve1", 109)).extracting(ReplicationState::id).containsExactly("109-0");
        assertThat(pve.replication().state("pve1", "102-0").id()).isEqualTo("102-0");
        LogPage log = pve.replication().log("pve1", "102-0", 0, 50);
        assertThat(log.total()).isGreaterThanOrEqualTo(log.lines().size());
    }

    @Test
    void replicationCreateUpdateRunNowDelete() {
        pve.replication().create("103-0", "pve1", new Replication.Options().schedule("*/30").rate(50)
                .comment("by test"));
        assertThat(pve.replication().job("103-0").schedule()).isEqualTo("*/30");

        pve.replication().update("103-0", new Replication.Options().disable(true).comment("paused"));
        assertThat(pve.replication().job("103-0").disable()).isTrue();

        String answer = pve.replication().scheduleNow("pve1", "102-0");
        assertThat(answer).isNotBlank();
        assertThat(Upid.isUpid(answer)).isFalse();

        pve.replication().delete("103-0", true, false);
        assertThat(pve.replication().jobs()).extracting(ReplicationJob::id).doesNotContain("103-0");
    }
}
