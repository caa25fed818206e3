package io.pveflow.server.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.pveflow.pve.client.ClusterApi;
import io.pveflow.pve.client.model.ClusterResource;
import io.pveflow.pve.client.model.HaResource;

/**
 * pveManageHa, and pveMigrate of an HA-managed guest, on the demo cluster. The only guest this class changes is
 * CT 105 (HA-managed); every test leaves it HA-managed with state started.
 */
class HaActivitiesTest extends ActivityTestSupport {

    @Test
    void setsTheRequestedStateAndTheHaManagerFollows() throws Exception {
        ensureManaged();
        Map<String, Object> stop = awaitEnd(run("haOpsStop", step("pveManageHa", false, field("vmid", "105")
                + field("operation", "set-state") + field("state", "stopped") + field("resultVariable", "ha")), Map.of()));
        assertThat(stop.get("$end")).as(stop.toString()).isEqualTo("done");
        assertThat(stop.get("ha")).isEqualTo(Map.of("sid", "ct:105", "operation", "set-state"));
        assertThat(resource().state()).isEqualTo("stopped");
        eventually(() -> "stopped".equals(guest().status()), "CT 105 stopped by the HA manager");

        Map<String, Object> start = awaitEnd(run("haOpsStart", step("pveManageHa", false, field("sid", "ct:105")
                + field("operation", "set-state") + field("state", "started")), Map.of()));
        assertThat(start.get("$end")).as(start.toString()).isEqualTo("done");
        assertThat(resource().state()).isEqualTo("started");
        eventually(() -> "running".equals(guest().status()), "CT 105 started by the HA manager");

        Map<String, Object> noState = awaitEnd(run("haOpsNoState", step("pveManageHa", false, field("vmid", "105")
                + field("operation", "set-state")), Map.of()));
        assertThat(noState.get("error")).isEqualTo("PVE_INVALID_PARAM");

        Map<String, Object> unknown = awaitEnd(run("haOpsUnknown", step("pveManageHa", false, field("sid", "ct:999")
                + field("operation", "set-state") + field("state", "started")), Map.of()));
        assertThat(unknown.get("$end")).isEqualTo("failed");
        assertThat(unknown.get("error")).isEqualTo("PVE_NOT_FOUND");
    }

    @Test
    void removesAndAddsAResourceAndRepeatingEitherIsHarmless() throws Exception {
        ensureManaged();
        String remove = step("pveManageHa", false, field("vmid", "105") + field("operation", "remove"));
        assertThat(awaitEnd(run("haOpsRemove", remove, Map.of())).get("$end")).isEqualTo("done");
        assertThat(pve().ha().resources(null)).noneMatch(r -> "ct:105".equals(r.sid()));
        assertThat(awaitEnd(runtime.startProcessInstanceByKeyAndTenantId("haOpsRemove", Map.of(), "demo").getId())
                .get("$end")).as("removing a resource that is gone").isEqualTo("done");

        String add = step("pveManageHa", false, field("vmid", "105") + field("operation", "add")
                + field("state", "started") + field("comment", "added by HaActivitiesTest"));
        assertThat(awaitEnd(run("haOpsAdd", add, Map.of())).get("$end")).isEqualTo("done");
        assertThat(resource().state()).isEqualTo("started");
        assertThat(resource().comment()).isEqualTo("added by HaActivitiesTest");
        assertThat(awaitEnd(runtime.startProcessInstanceByKeyAndTenantId("haOpsAdd", Map.of(), "demo").getId())
                .get("$end")).as("adding a resource that exists").isEqualTo("done");
        assertThat(pve().ha().resources(null).stream().filter(r -> "ct:105".equals(r.sid()))).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void movesAnHaGuestThroughTheHaManager() throws Exception {
        ensureManaged();
        String target = otherNode(guest().node());
        Map<String, Object> migrate = awaitEnd(run("haOpsMigrate", step("pveMigrate", true, field("vmid", "105")
                + field("target", target) + field("restart", "true")), Map.of()));
        assertThat(migrate.get("$end")).as(migrate.toString()).isEqualTo("done");
        assertThat((String) migrate.get("upid")).as("HA moves the guest, not a vzmigrate worker").contains(":hamigrate:105:");
        assertThat(guest().node()).as("the run continued only once HA had moved CT 105").isEqualTo(target);

        String next = otherNode(target);
        Map<String, Object> relocate = awaitEnd(run("haOpsRelocate", step("pveManageHa", false, field("vmid", "105")
                + field("operation", "relocate") + field("node", next) + field("resultVariable", "ha")), Map.of()));
        assertThat(relocate.get("$end")).as(relocate.toString()).isEqualTo("done");
        assertThat((Map<String, Object>) relocate.get("ha")).containsEntry("sid", "ct:105").containsEntry("node", next);
        eventually(() -> next.equals(guest().node()), "CT 105 relocated to " + next);

        Map<String, Object> noNode = awaitEnd(run("haOpsMigrateNoNode", step("pveManageHa", false,
                field("vmid", "105") + field("operation", "migrate")), Map.of()));
        assertThat(noNode.get("error")).isEqualTo("PVE_INVALID_PARAM");
    }

    /** Another test of this class may have failed halfway; start from CT 105 managed and started. */
    private void ensureManaged() throws Exception {
        if (pve().ha().resources(null).stream().noneMatch(r -> "ct:105".equals(r.sid()))) {
            pve().ha().add("ct:105", new io.pveflow.pve.client.Ha.Options()
                    .state(io.pveflow.pve.client.Ha.Options.State.STARTED));
        }
        eventually(() -> guest().lock() == null, "CT 105 not locked");
    }

    private HaResource resource() {
        return pve().ha().resource("ct:105");
    }

    private ClusterResource guest() {
        return pve().cluster().resources(ClusterApi.ResourceType.VM).stream()
                .filter(r -> r.vmid() != null && r.vmid() == 105).findFirst().orElseThrow();
    }

    private static String otherNode(String node) {
        return node.equals("pve1") ? "pve2" : "pve1";
    }

    /** The HA manager acts a little after the request: poll the simulator's state (60 s at most). */
    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within 60 s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
