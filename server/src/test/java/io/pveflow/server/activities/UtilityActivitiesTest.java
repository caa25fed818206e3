package io.pveflow.server.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.pveflow.pve.activity.TaskWatcher;
import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.Upid;
import io.pveflow.server.demo.DemoSimulatorAccess;
import io.pveflow.sim.spec.FaultsSpec;

/**
 * pveWaitForTask on tasks this test starts itself (snapshots of VM 118, each with its own name; failures and
 * hangs are the simulator's one-shot faults for VM 118 only), and filter, which calls no Proxmox API.
 */
class UtilityActivitiesTest extends ActivityTestSupport {

    private static final GuestRef VM = GuestRef.qemu("pve3", 118);

    @Autowired
    TaskWatcher watcher;

    @Autowired
    ApplicationContext context;

    // --- pveWaitForTask ------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void waitsForARunningTaskThroughTheTaskWatcher() throws Exception {
        String name = uniqueName("wait");
        Upid upid = pve().snapshots().create(VM, name, "by UtilityActivitiesTest");
        long before = watcher.requestCount();
        Map<String, Object> vars = awaitEnd(run("util-wait", step("pveWaitForTask", true, expression("upid", "${upid}")),
                Map.of("upid", upid.value())));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        Map<String, Object> task = (Map<String, Object>) vars.get("task");
        assertThat(task).containsEntry("upid", upid.value()).containsEntry("status", "stopped").containsEntry("exitstatus", "OK");
        assertThat((List<String>) task.get("log")).last().isEqualTo("TASK OK");
        assertThat(watcher.requestCount()).as("the watcher woke it").isGreaterThan(before);
        assertThat(pve().snapshots().list(VM)).anyMatch(s -> name.equals(s.name()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersAtOnceForATaskThatHasAlreadyEnded() throws Exception {
        String name = uniqueName("done");
        Upid upid = pve().snapshots().create(VM, name, null);
        assertThat(pve().tasks().waitFor(upid, Duration.ofSeconds(30)).isSuccess()).isTrue();
        Map<String, Object> vars = awaitEnd(run("util-wait-ended", step("pveWaitForTask", true,
                field("upid", upid.value()) + field("resultVariable", "snapshotTask")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        Map<String, Object> task = (Map<String, Object>) vars.get("snapshotTask");
        assertThat(task).containsEntry("status", "stopped").containsEntry("exitstatus", "OK");
        assertThat((List<String>) task.get("log")).last().isEqualTo("TASK OK");
    }

    @Test
    @SuppressWarnings("unchecked")
    void failsWithTaskFailedWhenTheTaskFails() throws Exception {
        DemoSimulatorAccess.faults(context).task(new FaultsSpec.TaskRule("qmsnapshot", 118, "fail",
                "snapshot feature is not available", 1));
        Upid upid = pve().snapshots().create(VM, uniqueName("fail"), null);
        Map<String, Object> vars = awaitEnd(run("util-wait-fail", step("pveWaitForTask", true, expression("upid", "${upid}")),
                Map.of("upid", upid.value())));
        assertThat(vars.get("$end")).isEqualTo("failed");
        assertThat(vars.get("error")).isEqualTo("PVE_TASK_FAILED");
        assertThat(vars.get("task")).as("no result for a failed task").isNull();
        assertThat((String) ((Map<String, Object>) vars.get("taskTask")).get("exitstatus"))
                .contains("snapshot feature is not available");
    }

    @Test
    void failsWithTimeoutWhenTheTaskOutlastsTheTimeout() throws Exception {
        DemoSimulatorAccess.faults(context).task(new FaultsSpec.TaskRule("qmsnapshot", 118, "hang", null, 1));
        String name = uniqueName("hang");
        Upid upid = pve().snapshots().create(VM, name, null);
        try {
            Map<String, Object> vars = awaitEnd(run("util-wait-timeout", step("pveWaitForTask", true,
                    expression("upid", "${upid}") + field("timeout", "PT1S")), Map.of("upid", upid.value())));
            assertThat(vars.get("$end")).isEqualTo("failed");
            assertThat(vars.get("error")).isEqualTo("PVE_TIMEOUT");
        } finally {
            pve().tasks().stop(upid);
            pve().tasks().waitFor(upid, Duration.ofSeconds(30));
        }
    }

    @Test
    void refusesWhatIsNotAKnownTask() throws Exception {
        Map<String, Object> garbage = awaitEnd(run("util-wait-garbage", step("pveWaitForTask", true,
                field("upid", "UPID:not-a-task:")), Map.of()));
        assertThat(garbage.get("error")).isEqualTo("PVE_INVALID_PARAM");

        Map<String, Object> unknown = awaitEnd(run("util-wait-unknown", step("pveWaitForTask", true,
                field("upid", "UPID:pve1:00001234:00005678:65000000:qmstart:100:root@pam:")), Map.of()));
        assertThat(unknown.get("$end")).isEqualTo("failed");
        assertThat(unknown.get("error")).isEqualTo("PVE_NOT_FOUND");
    }

    // --- filter --------------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void keepsTheItemsForWhichTheConditionIsTrue() throws Exception {
        List<Map<String, Object>> guests = new ArrayList<>(List.of(
                guest(100, "running", 4096), guest(106, "stopped", 8192), guest(107, "running", 8192), guest(109, "running", 512)));
        Map<String, Object> vars = awaitEnd(run("util-filter", step("filter", false,
                expression("collection", "${guests}") + field("condition", "item.status == 'running' && item.maxmem >= minMem")),
                Map.of("guests", guests, "minMem", 4096)));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat((List<Map<String, Object>>) vars.get("filtered")).extracting(g -> g.get("vmid")).containsExactly(100, 107);
        assertThat(vars).as("item is the condition's, not the process's").doesNotContainKey("item");
    }

    @Test
    @SuppressWarnings("unchecked")
    void takesJavaScriptForTheCollectionAndTheCondition() throws Exception {
        Map<String, Object> vars = awaitEnd(run("util-filter-js", step("filter", false,
                field("collection", "js{ [1, 2, 3, 4, 5, 6].map(n => n * factor) }") + field("condition", "js{ item % 4 == 0 }")
                        + field("resultVariable", "even")), Map.of("factor", 2)));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat((List<Object>) vars.get("even")).extracting(n -> ((Number) n).intValue()).containsExactly(4, 8, 12);

        Map<String, Object> empty = awaitEnd(run("util-filter-empty", step("filter", false,
                expression("collection", "${nothing}") + field("condition", "true")), Map.of("nothing", new ArrayList<>())));
        assertThat((List<Object>) empty.get("filtered")).isEmpty();
    }

    @Test
    void raisesBpmnErrorsForBadInputAndFromTheCondition() throws Exception {
        Map<String, Object> map = awaitEnd(run("util-filter-map", step("filter", false,
                expression("collection", "${config}") + field("condition", "true")), Map.of("config", new LinkedHashMap<>(Map.of("cores", 2)))));
        assertThat(map.get("error")).isEqualTo("PVE_INVALID_PARAM");

        Map<String, Object> noCondition = awaitEnd(run("util-filter-nocond", step("filter", false,
                field("collection", "a,b") + expression("condition", "${''}")), Map.of()));
        assertThat(noCondition.get("error")).isEqualTo("PVE_INVALID_PARAM");

        Map<String, Object> thrown = awaitEnd(run("util-filter-throws", step("filter", false,
                field("collection", "a,b") + field("condition", "item == 'b' ? bpmnError('UNEXPECTED_ITEM', 'b') : true")), Map.of()));
        assertThat(thrown.get("$end")).isEqualTo("failed");
        assertThat(thrown.get("error")).isEqualTo("UNEXPECTED_ITEM");
    }

    @Test
    void describesTheReadingActivitiesInTheCatalogue() {
        JsonNode catalog = admin().get("/api/catalog").json();
        assertThat(catalog.findValuesAsText("id")).contains("pveGetConfig", "pveGuestRrd", "pveSnapshotGet",
                "pveNodeReplications", "pveNodeRrd", "pveNodeShutdownReboot", "pveGetStorages", "pveStorageContents",
                "pveStorageRrd", "pveClusterReplications", "pveWaitForTask", "filter");
        for (JsonNode activity : catalog) {
            String id = activity.path("id").asText();
            if (id.equals("pveWaitForTask")) {
                assertThat(activity.path("waits").asBoolean()).as("parks on the task, so it must be triggerable").isTrue();
                assertThat(activity.path("resultVariable").asText()).isEqualTo("task");
            }
            if (id.equals("filter")) {
                assertThat(activity.path("waits").asBoolean()).isFalse();
                assertThat(activity.toString()).contains("\"name\":\"collection\"").contains("\"name\":\"condition\"");
            }
        }
    }

    private static Map<String, Object> guest(int vmid, String status, long maxmem) {
        Map<String, Object> guest = new LinkedHashMap<>();
        guest.put("vmid", vmid);
        guest.put("status", status);
        guest.put("maxmem", maxmem);
        return guest;
    }

    private static String uniqueName(String prefix) {
        return "ut-" + prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

}
