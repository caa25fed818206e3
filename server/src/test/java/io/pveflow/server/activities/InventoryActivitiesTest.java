package io.pveflow.server.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pveflow.pve.client.Consolidation;
import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.Timeframe;
import io.pveflow.pve.client.model.Snapshot;

/**
 * Reading guests: configuration, metrics, snapshots. Read-only: VM 100, 102 (its seeded snapshot before-pg16),
 * CT 104; every result is compared with what Proxmox (the simulator) answers directly.
 */
class InventoryActivitiesTest extends ActivityTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void readsAGuestsConfigurationWithoutTheNodeOrType() throws Exception {
        Map<String, Object> vars = awaitEnd(run("inv-config-vm", step("pveGetConfig", false, field("vmid", "102")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        Map<String, Object> config = (Map<String, Object>) vars.get("config");
        assertThat(config).containsEntry("cores", 8).containsEntry("memory", 16384).containsKeys("virtio0", "virtio1", "digest");
        assertThat(config).isEqualTo(pve().guests().config(GuestRef.qemu("pve1", 102)).values());

        Map<String, Object> ct = awaitEnd(run("inv-config-ct", step("pveGetConfig", false,
                field("vmid", "104") + field("resultVariable", "ctConfig")), Map.of()));
        assertThat(ct.get("$end")).as(ct.toString()).isEqualTo("done");
        assertThat((Map<String, Object>) ct.get("ctConfig")).containsKeys("rootfs", "hostname").doesNotContainKey("scsi0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsASnapshotsConfiguration() throws Exception {
        Map<String, Object> vars = awaitEnd(run("inv-config-snap", step("pveGetConfig", false,
                field("vmid", "102") + field("snapshot", "before-pg16")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat((Map<String, Object>) vars.get("config"))
                .isEqualTo(pve().guests().config(GuestRef.qemu("pve1", 102), false, "before-pg16").values());
    }

    @Test
    void failsWithNotFoundForAMissingGuestOrSnapshot() throws Exception {
        Map<String, Object> guest = awaitEnd(run("inv-config-missing", step("pveGetConfig", false, field("vmid", "999")), Map.of()));
        assertThat(guest.get("$end")).isEqualTo("failed");
        assertThat(guest.get("error")).isEqualTo("PVE_NOT_FOUND");

        Map<String, Object> snapshot = awaitEnd(run("inv-config-nosnap", step("pveGetConfig", false,
                field("vmid", "102") + field("snapshot", "never-taken")), Map.of()));
        assertThat(snapshot.get("$end")).isEqualTo("failed");
        assertThat(snapshot.get("error")).isEqualTo("PVE_NOT_FOUND");
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsAGuestsMetricsAsPlainMaps() throws Exception {
        Map<String, Object> vars = awaitEnd(run("inv-rrd", step("pveGuestRrd", false,
                field("vmid", "100") + field("timeframe", "day") + field("cf", "MAX")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        List<Map<String, Object>> rrd = (List<Map<String, Object>>) vars.get("rrd");
        assertThat(rrd).hasSize(pve().guests().rrd(GuestRef.qemu("pve1", 100), Timeframe.DAY, Consolidation.MAX).size())
                .isNotEmpty();
        assertThat(rrd).allSatisfy(point -> {
            assertThat(point.get("time")).isInstanceOf(Long.class);
            assertThat(point).containsKeys("cpu", "mem", "netin");
        });
        assertThat(rrd.get(0).keySet()).first().isEqualTo("time");

        Map<String, Object> decade = awaitEnd(run("inv-rrd-decade", step("pveGuestRrd", false,
                field("vmid", "100") + expression("timeframe", "${'decade'}")), Map.of()));
        assertThat(decade.get("error")).as("guests have no decade statistics").isEqualTo("PVE_INVALID_PARAM");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsSnapshotsOldestFirstWithoutTheCurrentPseudoEntry() throws Exception {
        Map<String, Object> vars = awaitEnd(run("inv-snapshots", step("pveSnapshotGet", false, field("vmid", "102")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        List<Map<String, Object>> snapshots = (List<Map<String, Object>>) vars.get("snapshots");
        List<Snapshot> proxmox = pve().snapshots().list(GuestRef.qemu("pve1", 102)); // the client drops 'current' too
        assertThat(snapshots).extracting(s -> s.get("name"))
                .containsExactlyInAnyOrderElementsOf(proxmox.stream().filter(s -> !s.isCurrent()).map(Snapshot::name).toList())
                .contains("before-pg16")
                .doesNotContain("current");
        assertThat(snapshots).allSatisfy(s -> assertThat(s).containsKeys("name", "description", "parent", "snaptime", "vmstate"));
        List<Long> times = snapshots.stream().map(s -> (Long) s.get("snaptime")).toList();
        assertThat(times).doesNotContainNull().isSorted();
        assertThat(snapshots).filteredOn(s -> "before-pg16".equals(s.get("name")))
                .singleElement().satisfies(s -> assertThat(s.get("description")).isEqualTo("before the PostgreSQL 16 upgrade"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsOneSnapshotsConfiguration() throws Exception {
        Map<String, Object> vars = awaitEnd(run("inv-snapshot-one", step("pveSnapshotGet", false,
                field("vmid", "102") + field("snapname", "before-pg16") + field("resultVariable", "snap")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat((Map<String, Object>) vars.get("snap"))
                .isEqualTo(pve().snapshots().config(GuestRef.qemu("pve1", 102), "before-pg16").values());
    }

    @Test
    void refusesMissingAndReservedSnapshotNames() throws Exception {
        Map<String, Object> missing = awaitEnd(run("inv-snapshot-missing", step("pveSnapshotGet", false,
                field("vmid", "102") + field("snapname", "never-taken")), Map.of()));
        assertThat(missing.get("$end")).isEqualTo("failed");
        assertThat(missing.get("error")).isEqualTo("PVE_NOT_FOUND");

        Map<String, Object> current = awaitEnd(run("inv-snapshot-current", step("pveSnapshotGet", false,
                field("vmid", "102") + field("snapname", "current")), Map.of()));
        assertThat(current.get("error")).isEqualTo("PVE_INVALID_PARAM");
    }
}
