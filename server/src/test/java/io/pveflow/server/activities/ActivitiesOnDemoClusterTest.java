package io.pveflow.server.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.pve.activity.TaskWatcher;
import io.pveflow.pve.client.GuestRef;

/**
 * The activities in real runs against the demo cluster (the simulator, over HTTPS): results, waits woken by the
 * task watcher, BPMN errors a boundary event catches, JavaScript field values, retries that do not duplicate.
 */
class ActivitiesOnDemoClusterTest extends ActivityTestSupport {

    @Autowired
    TaskWatcher watcher;

    @Test
    @SuppressWarnings("unchecked")
    void listsGuestsFilteredByTag() throws Exception {
        Map<String, Object> vars = awaitEnd(run("getGuests", step("pveGetGuests", false,
                field("tags", "prod") + field("type", "qemu")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        List<Map<String, Object>> guests = (List<Map<String, Object>>) vars.get("guests");
        assertThat(guests).isNotEmpty().allSatisfy(g -> {
            assertThat((List<String>) g.get("tags")).contains("prod");
            assertThat(g.get("type")).isEqualTo("qemu");
            assertThat(g.keySet()).contains("vmid", "name", "node", "status", "pool", "template", "hastate", "maxmem", "maxdisk", "cpus");
        });
        long expected = pve().cluster().resources(io.pveflow.pve.client.ClusterApi.ResourceType.VM).stream()
                .filter(r -> "qemu".equals(r.type()) && r.tags() != null && List.of(r.tags().split(";")).contains("prod")).count();
        assertThat(guests).hasSize((int) expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void startsAGuestAndWaitsForItsTaskWithoutHoldingAThread() throws Exception {
        long before = watcher.requestCount();
        Map<String, Object> vars = awaitEnd(run("powerStart", step("pvePowerAction", true,
                field("vmid", "108") + field("action", "start")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat((String) vars.get("upid")).startsWith("UPID:pve2:").contains(":qmstart:108:");
        Map<String, Object> task = (Map<String, Object>) vars.get("upidTask");
        assertThat(task.get("exitstatus")).isEqualTo("OK");
        assertThat((List<String>) task.get("log")).last().isEqualTo("TASK OK");
        assertThat(pve().guests().status(GuestRef.qemu("pve2", 108)).status()).isEqualTo("running");
        assertThat(watcher.requestCount()).as("the watcher asked Proxmox").isGreaterThan(before);
    }

    @Test
    void waitsForTheStateOfAnHaManagedGuestNotJustItsHaTask() throws Exception {
        Map<String, Object> vars = awaitEnd(run("haStop", step("pvePowerAction", true,
                field("vmid", "101") + field("action", "shutdown")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat((String) vars.get("upid")).contains(":hastop:101:");
        assertThat(pve().guests().status(GuestRef.qemu("pve2", 101)).status())
                .as("the run continued only once the guest had stopped").isEqualTo("stopped");
    }

    @Test
    void snapshotsWithAJavaScriptNameAndDoesNotDuplicateOnARetry() throws Exception {
        String fields = field("vmid", "101") + field("snapname", "js{ 'pre-' + ticket.toLowerCase() }") + field("description", "by a test");
        Map<String, Object> first = awaitEnd(run("snapshot", step("pveSnapshotCreate", true, fields), Map.of("ticket", "CHG42")));
        assertThat(first.get("$end")).as(first.toString()).isEqualTo("done");
        GuestRef guest = new GuestRef(pve().cluster().resources(io.pveflow.pve.client.ClusterApi.ResourceType.VM).stream()
                .filter(r -> r.vmid() == 101).findFirst().orElseThrow().node(),
                "lxc".equals(pve().cluster().resources().stream().filter(r -> r.vmid() != null && r.vmid() == 101)
                        .findFirst().orElseThrow().type()) ? io.pveflow.pve.client.GuestType.LXC : io.pveflow.pve.client.GuestType.QEMU, 101);
        assertThat(pve().snapshots().list(guest)).anyMatch(s -> "pre-chg42".equals(s.name()) && "by a test".equals(s.description()));

        Map<String, Object> again = awaitEnd(runtime.startProcessInstanceByKeyAndTenantId("snapshot", Map.of("ticket", "CHG42"), "demo").getId());
        assertThat(again.get("$end")).as("an existing snapshot is not an error").isEqualTo("done");
        assertThat(again.get("upid")).isNull();
        assertThat(pve().snapshots().list(guest).stream().filter(s -> "pre-chg42".equals(s.name()))).hasSize(1);
    }

    @Test
    void raisesCatchableBpmnErrorsForProxmoxFailures() throws Exception {
        Map<String, Object> missing = awaitEnd(run("snapMissing", step("pveSnapshotCreate", true,
                field("vmid", "999") + field("snapname", "x1")), Map.of()));
        assertThat(missing.get("$end")).isEqualTo("failed");
        assertThat(missing.get("error")).isEqualTo("PVE_NOT_FOUND");

        Map<String, Object> running = awaitEnd(run("startRunning", step("pvePowerAction", true,
                field("vmid", "107") + field("action", "start")), Map.of()));
        assertThat(running.get("$end")).isEqualTo("failed");
        assertThat(running.get("error")).as("qemu start of a running VM fails inside the task").isEqualTo("PVE_TASK_FAILED");

        Map<String, Object> badName = awaitEnd(run("badName", step("pveSnapshotCreate", true,
                field("vmid", "100") + field("snapname", "${badName}")), Map.of("badName", "1bad")));
        assertThat(badName.get("error")).isEqualTo("PVE_INVALID_PARAM");
    }

    @Test
    void servesTheCatalogue() {
        JsonNode catalog = admin().get("/api/catalog").json();
        assertThat(catalog.findValuesAsText("id")).contains("pveGetGuests", "pveGetNodes", "pvePowerAction", "pveSnapshotCreate");
        JsonNode power = null;
        for (JsonNode activity : catalog) {
            if ("pvePowerAction".equals(activity.path("id").asText())) {
                power = activity;
            }
        }
        assertThat(power).isNotNull();
        assertThat(power.path("waits").asBoolean()).isTrue();
        assertThat(power.toString()).contains("\"name\":\"action\"").contains("\"values\":[\"start\",\"stop\"")
                .contains("\"picker\":\"guests\"").contains("\"name\":\"timeout\"");
    }
}
