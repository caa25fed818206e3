package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pveflow.sim.spec.FaultsSpec;
import io.pveflow.sim.support.Api;
import io.pveflow.sim.support.TestClusters;

class FaultInjectionTest {

    static PveSimulator sim;
    static Api root;

    @BeforeAll
    static void start() {
        sim = TestClusters.start();
        root = Api.root(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clear() {
        sim.faults().clear();
        sim.faults().nodeOnline("pve2");
    }

    @Test
    void anErrorRuleAnswersMatchingPathsWithItsStatusAndMessage() {
        sim.faults().error("GET", "/nodes/*/qemu", 503, "service unavailable");
        Api.Response r = root.get("/nodes/pve1/qemu");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.reason()).isEqualTo("service unavailable");
        assertThat(root.get("/nodes/pve1/lxc").status()).isEqualTo(200);
    }

    @Test
    void anErrorRuleMayFireOnlyAFewTimes() {
        sim.faults().error(new FaultsSpec.ErrorRule(null, "/version", 1.0, 500, "flaky", 2));
        assertThat(root.get("/version").status()).isEqualTo(500);
        assertThat(root.get("/version").status()).isEqualTo(500);
        assertThat(root.get("/version").status()).isEqualTo(200);
    }

    @Test
    void aDroppedConnectionGivesNoAnswer() {
        sim.faults().drop("/cluster/**", 1.0);
        assertThatThrownBy(() -> root.get("/cluster/resources")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void latencyDelaysButStillAnswers() {
        sim.faults().latency("/version", Duration.ofMillis(100));
        assertThat(root.get("/version").status()).isEqualTo(200);
    }

    @Test
    void anOfflineNodeAnswers595ForProxiedCallsAndShowsOfflineEverywhere() {
        sim.faults().nodeOffline("pve2");
        Api.Response r = root.get("/nodes/pve2/qemu");
        assertThat(r.status()).isEqualTo(595);
        assertThat(r.reason()).isEqualTo("No route to host");
        assertThat(root.get("/nodes").data().toString()).contains("\"node\":\"pve2\",\"status\":\"offline\"");
        assertThat(root.get("/cluster/resources", "type", "vm").data().toString())
                .contains("\"id\":\"qemu/101\",\"type\":\"qemu\",\"vmid\":101,\"name\":\"web02\",\"node\":\"pve2\","
                        + "\"status\":\"unknown\"");
    }

    @Test
    void theAdminEndpointNeedsItsTokenAndAddsRules() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
        HttpRequest anonymous = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(client.send(anonymous, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        String rules = "{\"errors\":[{\"method\":\"POST\",\"path\":\"/nodes/*/qemu/*/status/start\","
                + "\"status\":500,\"message\":\"injected\"}]}";
        HttpRequest add = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/faults"))
                .header("Authorization", "Bearer " + sim.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rules)).build();
        assertThat(client.send(add, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(root.post("/nodes/pve1/qemu/116/status/start").reason()).isEqualTo("injected");

        HttpRequest clearAll = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/faults"))
                .header("Authorization", "Bearer " + sim.adminToken()).DELETE().build();
        assertThat(client.send(clearAll, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(root.get("/nodes/pve1/qemu/116/status/current").status()).isEqualTo(200);
    }

    @Test
    void faultsMayBeDeclaredInTheClusterFile() {
        FaultsSpec faults = new FaultsSpec(java.util.List.of(new FaultsSpec.ErrorRule("GET", "/cluster/nextid", null,
                500, "from the file", null)), null, null, java.util.List.of("pve3"), null, java.util.Map.of(112, "backup"),
                null, null);
        try (PveSimulator s = PveSimulator.builder().cluster(TestClusters.demoFast().withFaults(faults)).port(0)
                .start()) {
            Api api = Api.root(s);
            assertThat(api.get("/cluster/nextid").reason()).isEqualTo("from the file");
            assertThat(api.get("/nodes/pve3/status").status()).isEqualTo(595);
            assertThat(api.get("/nodes/pve1/qemu/112/config").data().get("lock").asText()).isEqualTo("backup");
        }
    }
}
