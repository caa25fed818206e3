package io.pveflow.server.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.pveflow.pve.client.ClusterApi;
import io.pveflow.pve.client.Consolidation;
import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.GuestType;
import io.pveflow.pve.client.PveApiException;
import io.pveflow.pve.client.Timeframe;
import io.pveflow.pve.client.model.ClusterResource;
import io.pveflow.pve.client.model.NodeInfo;
import io.pveflow.pve.client.model.StorageVolume;
import io.pveflow.server.demo.DemoSimulatorAccess;

/**
 * Nodes, storages and replication. Everything here reads, except the node power tests: they reboot and shut down
 * pve3 only, and leave it as they found it (back online, every guest that was running on it running again:
 * 103, CT 105 (HA), CT 111, 113, 118 in the demo cluster). Storage results are compared with Proxmox's answers,
 * not with fixed counts, since other tests add backups.
 */
class NodeAndStorageActivitiesTest extends ActivityTestSupport {

    private static final String NODE = "pve3";

    @Autowired
    ApplicationContext context;

    @Test
    @SuppressWarnings("unchecked")
    void readsANodesMetrics() throws Exception {
        Map<String, Object> vars = awaitEnd(run("ns-node-rrd", step("pveNodeRrd", false,
                field("node", "pve1") + field("timeframe", "decade") + field("cf", "MAX")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        List<Map<String, Object>> rrd = (List<Map<String, Object>>) vars.get("rrd");
        assertThat(rrd).isNotEmpty().hasSize(pve().nodes().rrd("pve1", Timeframe.DECADE, Consolidation.MAX).size());
        assertThat(rrd).allSatisfy(p -> assertThat(p).containsKeys("time", "cpu", "memused", "loadavg"));

        Map<String, Object> unknown = awaitEnd(run("ns-node-rrd-unknown", step("pveNodeRrd", false,
                field("node", "pve9")), Map.of()));
        assertThat(unknown.get("$end")).isEqualTo("failed");
        assertThat(unknown.get("error")).isEqualTo("PVE_NOT_FOUND");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsANodesReplicationJobsWithTheirState() throws Exception {
        Map<String, Object> vars = awaitEnd(run("ns-node-repl", step("pveNodeReplications", false, field("node", "pve1")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) vars.get("replications");
        assertThat(jobs).extracting(j -> j.get("id"))
                .containsExactlyInAnyOrderElementsOf(pve().replication().states("pve1", null).stream().map(s -> s.id()).toList())
                .contains("102-0", "109-0");
        assertThat(jobs).allSatisfy(j -> assertThat(j).containsKeys("guest", "target", "last_sync", "next_sync", "fail_count", "failing"));

        Map<String, Object> one = awaitEnd(run("ns-node-repl-guest", step("pveNodeReplications", false,
                field("node", "pve1") + expression("guest", "${vm}")), Map.of("vm", 102)));
        assertThat((List<Map<String, Object>>) one.get("replications")).singleElement()
                .satisfies(j -> assertThat(j).containsEntry("id", "102-0").containsEntry("target", "pve2"));

        Map<String, Object> missing = awaitEnd(run("ns-node-repl-missing", step("pveNodeReplications", false, expression("node", "${''}")), Map.of()));
        assertThat(missing.get("error")).as("node is required").isEqualTo("PVE_INVALID_PARAM");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTheClustersReplicationJobs() throws Exception {
        Map<String, Object> vars = awaitEnd(run("ns-cluster-repl", step("pveClusterReplications", false, ""), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) vars.get("replications");
        assertThat(jobs).extracting(j -> j.get("id"))
                .containsExactlyInAnyOrderElementsOf(pve().replication().jobs().stream().map(j -> j.id()).toList());
        assertThat(jobs).filteredOn(j -> "109-0".equals(j.get("id"))).singleElement()
                .satisfies(j -> assertThat(j).containsEntry("guest", 109).containsEntry("target", "pve3")
                        .containsEntry("schedule", "*/30").containsEntry("disable", false));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsStoragesWithUsageOnOneNodeOrEveryNode() throws Exception {
        Map<String, Object> vars = awaitEnd(run("ns-storages-node", step("pveGetStorages", false,
                field("node", "pve1") + field("content", "backup")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        List<Map<String, Object>> storages = (List<Map<String, Object>>) vars.get("storages");
        assertThat(storages).extracting(s -> s.get("storage")).containsExactlyInAnyOrder("local", "nas");
        assertThat(storages).allSatisfy(s -> {
            assertThat((List<String>) s.get("content")).contains("backup");
            assertThat(s).containsEntry("node", "pve1").containsKeys("total", "used", "avail", "used_fraction", "shared");
        });
        assertThat(storages).filteredOn(s -> "nas".equals(s.get("storage"))).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("shared", true)
                        .containsEntry("total", pve().storage().status("pve1", "nas").total()));

        Map<String, Object> all = awaitEnd(run("ns-storages-all", step("pveGetStorages", false, ""), Map.of()));
        List<Map<String, Object>> everywhere = (List<Map<String, Object>>) all.get("storages");
        int expected = 0;
        for (NodeInfo node : pve().nodes().list()) {
            expected += node.isOnline() ? pve().storage().onNode(node.node(), null).size() : 0;
        }
        assertThat(everywhere).hasSize(expected);
        assertThat(everywhere).extracting(s -> s.get("node")).contains("pve1", "pve2", "pve3");

        Map<String, Object> unknown = awaitEnd(run("ns-storages-unknown", step("pveGetStorages", false, field("node", "pve9")), Map.of()));
        assertThat(unknown.get("error")).isEqualTo("PVE_NOT_FOUND");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTheContentsOfASharedStorage() throws Exception {
        Map<String, Object> vars = awaitEnd(run("ns-contents-shared", step("pveStorageContents", false,
                field("storage", "nas") + field("content", "backup") + field("vmid", "102")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        List<Map<String, Object>> contents = (List<Map<String, Object>>) vars.get("contents");
        List<StorageVolume> proxmox = pve().storage().content("pve1", "nas", "backup", 102);
        assertThat(contents).as("read once, through one node").hasSize(proxmox.size())
                .extracting(v -> v.get("volid")).containsExactlyInAnyOrderElementsOf(proxmox.stream().map(StorageVolume::volid).toList())
                .contains("nas:backup/vzdump-qemu-102-2025_11_13-01_10_12.vma.zst");
        assertThat(contents).allSatisfy(v -> assertThat(v).containsEntry("vmid", 102).containsEntry("content", "backup"));
        assertThat(contents).filteredOn(v -> "db01 weekly".equals(v.get("notes"))).singleElement()
                .satisfies(v -> assertThat(v).containsEntry("protected", true));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsALocalStorageOnEveryNodeThatHasIt() throws Exception {
        Map<String, Object> vars = awaitEnd(run("ns-contents-local", step("pveStorageContents", false,
                field("storage", "local") + field("content", "vztmpl")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        List<Map<String, Object>> contents = (List<Map<String, Object>>) vars.get("contents");
        assertThat(contents).extracting(v -> v.get("node") + " " + v.get("volid")).containsExactlyInAnyOrder(
                "pve1 local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst",
                "pve2 local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst");

        Map<String, Object> onOne = awaitEnd(run("ns-contents-node", step("pveStorageContents", false,
                field("node", "pve2") + field("storage", "local") + field("content", "vztmpl")), Map.of()));
        assertThat((List<Map<String, Object>>) onOne.get("contents")).singleElement()
                .satisfies(v -> assertThat(v).containsEntry("node", "pve2"));

        Map<String, Object> missing = awaitEnd(run("ns-contents-missing", step("pveStorageContents", false,
                field("storage", "tape")), Map.of()));
        assertThat(missing.get("$end")).isEqualTo("failed");
        assertThat(missing.get("error")).isEqualTo("PVE_NOT_FOUND");
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsAStoragesMetrics() throws Exception {
        Map<String, Object> vars = awaitEnd(run("ns-storage-rrd", step("pveStorageRrd", false,
                field("node", "pve2") + field("storage", "ceph") + field("timeframe", "week")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        List<Map<String, Object>> rrd = (List<Map<String, Object>>) vars.get("rrd");
        assertThat(rrd).isNotEmpty().hasSize(pve().storage().rrd("pve2", "ceph", Timeframe.WEEK, null).size());
        assertThat(rrd).allSatisfy(p -> assertThat(p).containsKeys("time", "total", "used"));

        Map<String, Object> missing = awaitEnd(run("ns-storage-rrd-missing", step("pveStorageRrd", false,
                field("node", "pve2") + field("storage", "tape") + field("timeframe", "week")), Map.of()));
        assertThat(missing.get("error")).isEqualTo("PVE_NOT_FOUND");
    }

    @Test
    @SuppressWarnings("unchecked")
    void rebootsANodeWhichComesBackWithItsOnbootGuests() throws Exception {
        Set<Integer> running = runningOn(NODE);
        try {
            Map<String, Object> vars = awaitEnd(run("ns-node-reboot", step("pveNodeShutdownReboot", true,
                    field("node", NODE) + field("command", "reboot") + field("resultVariable", "reboot")), Map.of()));
            assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
            Map<String, Object> result = (Map<String, Object>) vars.get("reboot");
            assertThat(result).containsEntry("node", NODE).containsEntry("command", "reboot").containsEntry("alreadyOffline", false);
            long requestedAt = ((Number) result.get("requestedAt")).longValue(); // a JSON number, kept with the wait

            // The step waited (no thread held) until the node was back: nothing left to wait for here.
            NodeInfo back = node();
            assertThat(back.isOnline()).as("the run continued only once the node was back").isTrue();
            assertThat(back.uptime()).as("booted after the command").isLessThanOrEqualTo(Instant.now().getEpochSecond() - requestedAt + 1);
            Set<Integer> onboot = pve().cluster().resources(ClusterApi.ResourceType.VM).stream()
                    .filter(r -> NODE.equals(r.node()) && running.contains(r.vmid()) && r.hastate() == null)
                    .filter(r -> Boolean.TRUE.equals(onboot(r)))
                    .map(ClusterResource::vmid).collect(Collectors.toSet());
            assertThat(onboot).as("onboot guests").isNotEmpty();
            assertThat(runningOn(NODE)).as("Proxmox starts onboot guests at boot").containsAll(onboot);
        } finally {
            restore(running, true);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shutsANodeDownAndSucceedsWhenItIsAlreadyDown() throws Exception {
        Set<Integer> running = runningOn(NODE);
        try {
            Map<String, Object> vars = awaitEnd(run("ns-node-shutdown", step("pveNodeShutdownReboot", true,
                    field("node", NODE) + field("command", "shutdown")), Map.of()));
            assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
            awaitNode(n -> !n.isOnline(), "goes down");
            assertThat(pve().cluster().resources(ClusterApi.ResourceType.VM)).filteredOn(r -> NODE.equals(r.node()))
                    .allSatisfy(r -> assertThat(r.status()).isNotEqualTo("running"));

            // a retry after a crash finds the node already down: nothing to send, nothing to fail
            Map<String, Object> again = awaitEnd(runtime.startProcessInstanceByKeyAndTenantId("ns-node-shutdown",
                    Map.of(), "demo").getId());
            assertThat(again.get("$end")).as(again.toString()).isEqualTo("done");

            Map<String, Object> unknown = awaitEnd(run("ns-node-shutdown-unknown", step("pveNodeShutdownReboot", true,
                    field("node", "pve9") + field("command", "shutdown")), Map.of()));
            assertThat(unknown.get("error")).isEqualTo("PVE_NOT_FOUND");
            Map<String, Object> badCommand = awaitEnd(run("ns-node-shutdown-bad", step("pveNodeShutdownReboot", true,
                    field("node", NODE) + expression("command", "${'halt'}")), Map.of()));
            assertThat(badCommand.get("error")).isEqualTo("PVE_INVALID_PARAM");
        } finally {
            restore(running, false);
        }
    }

    // --- the node's state, and putting it back -----------------------------------------------------------

    private Boolean onboot(ClusterResource r) {
        GuestRef ref = new GuestRef(r.node(), "lxc".equals(r.type()) ? GuestType.LXC : GuestType.QEMU, r.vmid());
        Object onboot = pve().guests().config(ref).values().get("onboot");
        return onboot != null && "1".equals(String.valueOf(onboot));
    }

    private NodeInfo node() {
        return pve().nodes().list().stream().filter(n -> NODE.equals(n.node())).findFirst().orElseThrow();
    }

    private Set<Integer> runningOn(String node) {
        return pve().cluster().resources(ClusterApi.ResourceType.VM).stream()
                .filter(r -> node.equals(r.node()) && "running".equals(r.status()))
                .map(ClusterResource::vmid).collect(Collectors.toSet());
    }

    private void awaitNode(Predicate<NodeInfo> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.test(node())) {
            assertThat(Instant.now()).as(NODE + " " + what).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * Back online, and every guest that ran before running again. A rebooting node comes back by itself; a shut-down
     * one needs the simulator's hand, as nothing in the API powers a node on.
     */
    private void restore(Set<Integer> wasRunning, boolean comesBackByItself) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (comesBackByItself && !node().isOnline() && Instant.now().isBefore(deadline.minusSeconds(30))) {
            Thread.sleep(200);
        }
        DemoSimulatorAccess.faults(context).nodeOnline(NODE);
        while (Instant.now().isBefore(deadline)) {
            Set<Integer> stopped = wasRunning.stream().filter(vmid -> !runningOn(NODE).contains(vmid)).collect(Collectors.toSet());
            if (stopped.isEmpty()) {
                return;
            }
            for (ClusterResource r : pve().cluster().resources(ClusterApi.ResourceType.VM)) {
                if (stopped.contains(r.vmid()) && (r.lock() == null || r.lock().isBlank())) {
                    try {
                        pve().guests().start(new GuestRef(r.node(), "lxc".equals(r.type()) ? GuestType.LXC : GuestType.QEMU, r.vmid()));
                    } catch (PveApiException alreadyStarting) {
                        // started by HA or at boot meanwhile
                    }
                }
            }
            Thread.sleep(1500);
        }
        assertThat(runningOn(NODE)).as("guests running again on " + NODE).containsAll(wasRunning);
    }

}
