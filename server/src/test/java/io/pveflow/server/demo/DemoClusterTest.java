package io.pveflow.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.server.clusters.ClusterCredentials;
import io.pveflow.server.clusters.ClusterRequest;
import io.pveflow.server.clusters.ClusterService;
import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;
import io.pveflow.server.web.ConflictException;

/** The embedded default registers a working, clearly labelled simulated cluster "demo". */
class DemoClusterTest extends H2ServerTest {

    @Autowired
    DemoCluster demo;

    @Autowired
    ClusterService clusters;

    @Test
    void registersTheDemoAsASimulatedClusterPinnedToItsCertificate() throws Exception {
        JsonNode view = admin().get("/api/clusters/demo").json();
        assertThat(view.path("simulated").asBoolean()).isTrue();
        assertThat(view.path("displayName").asText()).contains("simulated");
        assertThat(view.path("tls").path("mode").asText()).isEqualTo("fingerprint");
        assertThat(view.path("endpoints").get(0).asText()).startsWith("https://127.0.0.1:");

        ClusterCredentials credentials = clusters.credentials("demo");
        HttpClient client = HttpClient.newBuilder().sslContext(demo.simulator().clientSslContext()).build();
        HttpResponse<String> version = client.send(HttpRequest.newBuilder(
                        URI.create(credentials.endpoints().get(0) + "/api2/json/version"))
                .header("Authorization", "PVEAPIToken=" + credentials.tokenId() + "=" + credentials.tokenSecret())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(version.statusCode()).as("the registered token works").isEqualTo(200);
        assertThat(version.body()).contains("\"version\"");

        X509Certificate served = (X509Certificate) version.sslSession().orElseThrow().getPeerCertificates()[0];
        String sha256 = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(served.getEncoded()));
        assertThat(credentials.tls().fingerprint()).as("the pin is the served certificate's").isEqualTo(sha256);
    }

    @Test
    void passesTheConnectionTestAndFailsItWithAWrongSecretOrPin() {
        TestHttp.Response ok = admin().postJson("/api/clusters/demo/test", "{}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("status").asText()).as(ok.body()).isEqualTo("ok");
        assertThat(ok.json().path("pveVersion").asText()).isEqualTo("9.1.1");
        assertThat(ok.json().path("nodeCount").asInt()).isEqualTo(3);
        assertThat(ok.json().path("privileges").path("/").toString()).as("the demo token is root's")
                .contains("Sys.PowerMgmt").contains("VM.Snapshot");

        ClusterCredentials demoCluster = clusters.credentials("demo");
        String wrongPin = "AA:" + demoCluster.tls().fingerprint().substring(3).replace('A', 'B').replace('0', '1');
        for (Map<String, Object> variant : List.of(
                Map.<String, Object>of("tokenSecret", "wrong-secret", "tls", Map.of("mode", "fingerprint", "fingerprint", demoCluster.tls().fingerprint())),
                Map.<String, Object>of("tokenSecret", demoCluster.tokenSecret(), "tls", Map.of("mode", "fingerprint", "fingerprint", wrongPin)))) {
            java.util.Map<String, Object> body = new java.util.HashMap<>(Map.of("id", "demo-copy",
                    "endpoints", demoCluster.endpoints(), "tokenId", demoCluster.tokenId()));
            body.putAll(variant);
            assertThat(admin().postJson("/api/clusters", body).status()).isEqualTo(201);
            TestHttp.Response failed = admin().postJson("/api/clusters/demo-copy/test", "{}");
            assertThat(failed.json().path("status").asText()).isEqualTo("failed");
            assertThat(failed.json().path("message").asText())
                    .startsWith(variant.get("tokenSecret").equals("wrong-secret") ? "AUTH" : "CONNECTION");
            assertThat(failed.body()).doesNotContain(demoCluster.tokenSecret());
            admin().delete("/api/clusters/demo-copy");
        }
    }

    @Test
    void neverOverwritesARealClusterAndCanBeTurnedOff() {
        TestHttp.Response real = admin().postJson("/api/clusters", Map.of("id", "not-a-demo", "endpoints", List.of("pve1"),
                "tokenId", "a@pve!b", "tokenSecret", "s", "tls", Map.of("mode", "system")));
        assertThat(real.status()).isEqualTo(201);
        assertThatThrownBy(() -> clusters.registerSimulated(new ClusterRequest("not-a-demo", "x", List.of("pve1"),
                "a@pve!b", "s", new ClusterRequest.Tls("system", null, null))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("real cluster");
        admin().delete("/api/clusters/not-a-demo");

        DemoCluster off = new DemoCluster(clusters, false, 0);
        off.afterPropertiesSet();
        assertThat(admin().get("/api/clusters/demo").status()).isEqualTo(404);
        DemoCluster on = new DemoCluster(clusters, true, 0);
        try {
            on.afterPropertiesSet();
            assertThat(admin().get("/api/clusters/demo").json().path("simulated").asBoolean()).isTrue();
        } finally {
            // Put the context's own demo back, as other tests expect it.
            on.destroy();
            demo.destroy();
            demo.afterPropertiesSet();
        }
    }
}
