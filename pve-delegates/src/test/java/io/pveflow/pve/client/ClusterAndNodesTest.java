package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pveflow.pve.client.ClusterApi.ResourceType;
import io.pveflow.pve.client.model.ClusterResource;
import io.pveflow.pve.client.model.NodeInfo;
import io.pveflow.pve.client.model.NodeStatus;
import io.pveflow.pve.client.model.RrdPoint;
import io.pveflow.pve.client.testing.RecordTestNames;
import io.pveflow.pve.client.testing.TestClusters;
import io.pveflow.sim.PveSimulator;

@ExtendWith(RecordTestNames.class)
class ClusterAndNodesTest {

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

    @Test
    void permissionsOfTheCallingToken() {
        java.util.Map<String, List<String>> permissions = pve.cluster().permissions();
        assertThat(permissions).isNotEmpty();
        assertThat(permissions.values()).anySatisfy(privileges -> assertThat(privileges).contains("VM.Audit"));
    }

    @Test
    void version() {
        assertThat(pve.cluster().version().version()).isEqualTo("9.1.1");
    }

    @Test
    void resourcesFilteredToGuestsAreVmsAndContainers() {
        List<ClusterResource> guests = pve.cluster().resources(ResourceType.VM);

        assertThat(guests).hasSize(20).allMatch(ClusterResource::isGuest);
        assertThat(guests).filteredOn(r -> r.vmid() == 104).singleElement()
                .satisfies(r -> assertThat(r.guest()).isEqualTo(GuestRef.lxc("pve2", 104)));
        assertThat(guests).filteredOn(ClusterResource::isTemplate).extracting(ClusterResource::vmid)
                .containsExactly(9000);
        assertThat(pve.cluster().resources()).extracting(ClusterResource::type).contains("node", "storage", "qemu");
        assertThat(pve.cluster().resources(ResourceType.NODE)).hasSize(3);
        assertThat(pve.cluster().resources(ResourceType.STORAGE)).isNotEmpty();
    }

    @Test
    void nextIdIsFreeAndTakenIdsAreNot() {
        int next = pve.cluster().nextId();

        assertThat(next).isGreaterThanOrEqualTo(100);
        assertThat(pve.cluster().isFree(next)).isTrue();
        assertThat(pve.cluster().isFree(100)).isFalse();
    }

    @Test
    void nodesListCarriesTheCertificateFingerprints() {
        List<NodeInfo> nodes = pve.nodes().list();

        assertThat(nodes).extracting(NodeInfo::node).containsExactlyInAnyOrder("pve1", "pve2", "pve3");
        assertThat(nodes).filteredOn(n -> n.node().equals("pve1")).singleElement()
                .satisfies(n -> assertThat(n.sslFingerprint()).isEqualTo(sim.fingerprint()))
                .satisfies(n -> assertThat(n.isOnline()).isTrue());
    }

    @Test
    void nodeStatusAndStatistics() {
        NodeStatus status = pve.nodes().status("pve1");
        List<RrdPoint> rrd = pve.nodes().rrd("pve1", Timeframe.HOUR, Consolidation.AVERAGE);
        List<RrdPoint> decade = pve.nodes().rrd("pve2", Timeframe.DECADE, null);

        assertThat(status.pveversion()).contains("pve-manager");
        assertThat(status.memory().total()).isPositive();
        assertThat(rrd).isNotEmpty().allSatisfy(p -> assertThat(p.time()).isPositive());
        assertThat(rrd.get(0).values()).containsKey("cpu");
        assertThat(decade).isNotEmpty();
    }

    @Test
    void nodeRebootAndShutdownAnswerAtOnce() throws Exception {
        pve.nodes().reboot("pve3");

        await(() -> !pve.nodes().list().stream().filter(n -> n.node().equals("pve3")).findFirst().orElseThrow()
                .isOnline());
        await(() -> pve.nodes().list().stream().filter(n -> n.node().equals("pve3")).findFirst().orElseThrow()
                .isOnline());

        pve.nodes().shutdown("pve3");
        await(() -> !pve.nodes().list().stream().filter(n -> n.node().equals("pve3")).findFirst().orElseThrow()
                .isOnline());
        sim.faults().nodeOnline("pve3");
    }

    @Test
    void recentClusterTasks() {
        pve.waitForTask(pve.guests().start(GuestRef.qemu("pve1", 116)), java.time.Duration.ofSeconds(10));

        assertThat(pve.cluster().tasks()).anySatisfy(t -> assertThat(t.type()).isEqualTo("qmstart"));
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(50);
        }
    }
}
