package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pveflow.sim.support.Api;
import io.pveflow.sim.support.TestClusters;

class ErrorFormatTest {

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

    @Test
    void anUnknownPathIs501NotImplemented() {
        Api.Response r = root.get("/x");
        assertThat(r.status()).isEqualTo(501);
        assertThat(r.reason()).isEqualTo("Method 'GET /x' not implemented");
    }

    @Test
    void aKnownPathWithAnotherMethodIs501Too() {
        assertThat(root.delete("/version").reason()).isEqualTo("Method 'DELETE /version' not implemented");
    }

    @Test
    void aBodyOnGetIs501() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/version"))
                .header("Authorization", "PVEAPIToken=" + TestClusters.ROOT_TOKEN + "=" + TestClusters.ROOT_SECRET)
                .method("GET", HttpRequest.BodyPublishers.ofString("a=1"))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(501);
    }

    @Test
    void aMissingVmNamesItsConfigFile() {
        Api.Response r = root.get("/nodes/pve1/qemu/999/status/current");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reason()).isEqualTo("Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist");
        assertThat(r.message()).isEqualTo("Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist\n");
        assertThat(r.body().get("data").isNull()).isTrue();
    }

    @Test
    void aContainerPathNamesTheLxcConfigFile() {
        assertThat(root.post("/nodes/pve2/lxc/999/status/start").reason())
                .isEqualTo("Configuration file 'nodes/pve2/lxc/999.conf' does not exist");
    }

    @Test
    void aGuestAskedForOnTheWrongNodeIsMissingThere() {
        assertThat(root.get("/nodes/pve2/qemu/100/config").reason())
                .isEqualTo("Configuration file 'nodes/pve2/qemu-server/100.conf' does not exist");
    }

    @Test
    void anUnknownNodeFailsTheProxyLookup() {
        Api.Response r = root.get("/nodes/nope/qemu");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reason()).startsWith("hostname lookup 'nope' failed");
    }
}
