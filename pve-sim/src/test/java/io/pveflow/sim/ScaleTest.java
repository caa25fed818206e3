package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.sim.spec.ClusterGenerator;
import io.pveflow.sim.spec.ClusterSpec;
import io.pveflow.sim.spec.Timings;
import io.pveflow.sim.support.Api;
import io.pveflow.sim.support.Await;

/** A 32-node, 5,000-guest cluster: correctness of lists and of many concurrent tasks (no timing asserts). */
class ScaleTest {

    static PveSimulator sim;
    static Api root;
    static ClusterSpec spec;

    @BeforeAll
    static void start() {
        spec = ClusterGenerator.generate(32, 5000, 7L);
        sim = PveSimulator.builder().cluster(spec).timings(Timings.fast()).port(0).start();
        root = Api.token(sim, "root@pam!bench", "bench-secret");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void clusterResourcesListsEveryGuestOnce() {
        JsonNode vms = root.get("/cluster/resources", "type", "vm").data();
        assertThat(vms.size()).isEqualTo(5000);
        java.util.Set<String> ids = new java.util.HashSet<>();
        vms.forEach(v -> ids.add(v.get("id").asText()));
        assertThat(ids).hasSize(5000);
        JsonNode all = root.get("/cluster/resources").data();
        assertThat(all.size()).isGreaterThan(5000 + 32);
    }

    @Test
    void eachNodeListsItsOwnGuests() {
        long expectedVms = spec.guests().stream().filter(g -> g.node().equals("pve7") && g.type().equals("qemu"))
                .count();
        JsonNode list = root.get("/nodes/pve7/qemu").data();
        assertThat(list.size()).isEqualTo((int) expectedVms);
        int total = 0;
        for (int n = 1; n <= 32; n++) {
            total += root.get("/nodes/pve" + n + "/qemu").data().size() + root.get("/nodes/pve" + n + "/lxc").data().size();
        }
        assertThat(total).isEqualTo(5000);
    }

    @Test
    void aReadOnlyTokenSeesTheSameGuests() {
        Api ro = Api.token(sim, "monitor@pve!ro", "ro-secret");
        assertThat(ro.get("/cluster/resources", "type", "vm").data().size()).isEqualTo(5000);
        assertThat(ro.post("/nodes/pve1/qemu/100/status/start").status()).isEqualTo(403);
    }

    @Test
    void manyConcurrentPowerTasksAllEndAndLeaveConsistentState() throws Exception {
        List<int[]> targets = new ArrayList<>();
        for (var g : spec.guests()) {
            if (g.type().equals("qemu") && !g.template() && targets.size() < 300) {
                targets.add(new int[] {g.vmid(), Integer.parseInt(g.node().substring(3)), g.status().equals("running")
                        ? 1 : 0});
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<String>> upids = new ArrayList<>();
            for (int[] t : targets) {
                String action = t[2] == 1 ? "stop" : "start";
                upids.add(pool.submit(() -> root.post("/nodes/pve" + t[1] + "/qemu/" + t[0] + "/status/" + action)
                        .upid()));
            }
            for (Future<String> f : upids) {
                assertThat(f.get()).startsWith("UPID:");
            }
            Await.until("every task to end", () -> sim.simulation().tasks().runningCount() == 0);
            for (Future<String> f : upids) {
                String upid = f.get();
                String node = upid.split(":")[1];
                assertThat(root.get("/nodes/" + node + "/tasks/" + upid + "/status").data().get("exitstatus").asText())
                        .isEqualTo("OK");
            }
            for (int[] t : targets) {
                boolean running = sim.cluster().read(() -> sim.cluster().guest(t[0]).running());
                assertThat(running).as("VM " + t[0]).isEqualTo(t[2] == 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
