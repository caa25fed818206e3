package io.pveflow.server.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.pveflow.server.secrets.SecretCipher;
import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/** The cluster registry over HTTP: admin-only changes, precise validation, secrets that never come back. */
class ClusterApiTest extends H2ServerTest {

    private static final String SECRET = "5f1d0b8e-secret-token-value-7c2a";
    private static final String FINGERPRINT =
            "ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecretCipher cipher;

    @Autowired
    ClusterService clusters;

    private final List<TestHttp.Response> responses = new ArrayList<>();

    private Map<String, Object> cluster(String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("displayName", "Production " + id);
        body.put("endpoints", List.of("pve1.example.com", "https://pve2.example.com:8443"));
        body.put("tokenId", "pveflow@pve!automation");
        body.put("tokenSecret", SECRET);
        body.put("tls", Map.of("mode", "fingerprint", "fingerprint", FINGERPRINT));
        return body;
    }

    private TestHttp.Response keep(TestHttp.Response response) {
        responses.add(response);
        return response;
    }

    @Test
    void addsReadsChangesAndRemovesAClusterWithoutEverReturningTheSecret() {
        TestHttp.Response created = keep(admin().postJson("/api/clusters", cluster("prod")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/clusters/prod");
        JsonNode view = created.json();
        assertThat(view.path("endpoints").toString())
                .isEqualTo("[\"https://pve1.example.com:8006\",\"https://pve2.example.com:8443\"]");
        assertThat(view.path("tls").path("fingerprint").asText()).isEqualTo(FINGERPRINT.toUpperCase());
        assertThat(view.path("tokenSecretSet").asBoolean()).isTrue();
        assertThat(view.path("createdBy").asText()).isEqualTo("admin");

        assertThat(keep(admin().get("/api/clusters")).json().findValuesAsText("id")).contains("prod");
        assertThat(keep(admin().get("/api/clusters/prod")).status()).isEqualTo(200);

        Map<String, Object> change = cluster("prod");
        change.remove("tokenSecret");
        change.put("displayName", "Production (renamed)");
        change.put("tls", Map.of("mode", "system"));
        TestHttp.Response changed = keep(admin().putJson("/api/clusters/prod", change));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("displayName").asText()).isEqualTo("Production (renamed)");
        assertThat(clusters.credentials("prod").tokenSecret()).as("an absent secret keeps the stored one").isEqualTo(SECRET);

        change.put("tokenSecret", "another-secret-value");
        keep(admin().putJson("/api/clusters/prod", change));
        assertThat(clusters.credentials("prod").tokenSecret()).isEqualTo("another-secret-value");

        assertThat(keep(admin().delete("/api/clusters/prod")).status()).isEqualTo(204);
        assertThat(keep(admin().get("/api/clusters/prod")).status()).isEqualTo(404);

        for (TestHttp.Response response : responses) {
            assertThat(response.body()).doesNotContain(SECRET).doesNotContain("another-secret-value")
                    .doesNotContainIgnoringCase("token_secret_enc").doesNotContain("v1:");
        }
    }

    @Test
    void storesTheSecretEncryptedAndBoundToItsCluster() {
        keep(admin().postJson("/api/clusters", cluster("enc")));
        String stored = jdbc.sql("SELECT token_secret_enc FROM pve_cluster WHERE id = 'enc'").query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(SECRET);
        assertThat(cipher.decrypt(stored, ClusterService.secretContext("enc"))).isEqualTo(SECRET);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cipher.decrypt(stored, ClusterService.secretContext("other")))
                .hasMessageContaining("does not decrypt");
        keep(admin().delete("/api/clusters/enc"));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void noSecretReachesTheDatabaseOrTheLogInClearText(CapturedOutput output) throws Exception {
        keep(admin().postJson("/api/clusters", cluster("nolog")));
        Map<String, Object> change = cluster("nolog");
        change.put("tokenSecret", "rotated-" + SECRET);
        keep(admin().putJson("/api/clusters/nolog", change));
        keep(admin().postJson("/api/clusters", Map.of("id", "Bad Id", "tokenSecret", SECRET)));
        // The H2 file holds only ciphertext: scan every text column of our tables for the plaintext.
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + DATA_DIR + "/pveflow;AUTO_SERVER=FALSE", "sa", "")) {
            // Same JVM, same database: H2 shares the open database within the process.
            var rs = c.createStatement().executeQuery("SELECT * FROM pve_cluster");
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    assertThat(String.valueOf(rs.getObject(i))).doesNotContain(SECRET);
                }
            }
        }
        keep(admin().delete("/api/clusters/nolog"));
        assertThat(output.getAll()).contains("Cluster 'nolog' added by admin").doesNotContain(SECRET);
    }

    @Test
    void namesEveryInvalidFieldInOneAnswer() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("id", "Bad_ID");
        bad.put("endpoints", List.of("http://pve1:8006", ""));
        bad.put("tokenId", "root");
        bad.put("tls", Map.of("mode", "fingerprint", "fingerprint", "12:34"));
        TestHttp.Response response = admin().postJson("/api/clusters", bad);
        assertThat(response.status()).isEqualTo(400);
        JsonNode errors = response.json().path("errors");
        assertThat(errors.path("id").asText()).contains("lower-case letters");
        assertThat(errors.path("endpoints[0]").asText()).contains("must use https");
        assertThat(errors.path("endpoints[1]").asText()).isEqualTo("is empty");
        assertThat(errors.path("tokenId").asText()).contains("USER@REALM!TOKENID");
        assertThat(errors.path("tokenSecret").asText()).contains("is required");
        assertThat(errors.path("tls.fingerprint").asText()).contains("SHA-256");
        assertThat(response.json().path("message").asText()).startsWith("Invalid cluster: id:");
    }

    @Test
    void refusesADuplicateIdAndAnIdChange() {
        keep(admin().postJson("/api/clusters", cluster("dup")));
        TestHttp.Response again = admin().postJson("/api/clusters", cluster("dup"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("message").asText()).contains("already exists");
        Map<String, Object> renamed = cluster("other-id");
        TestHttp.Response rename = admin().putJson("/api/clusters/dup", renamed);
        assertThat(rename.status()).isEqualTo(400);
        assertThat(rename.json().path("errors").path("id").asText()).contains("cannot change");
        keep(admin().delete("/api/clusters/dup"));
    }

    @Test
    void acceptsACaCertificateAndRejectsGarbage() {
        Map<String, Object> ca = cluster("with-ca");
        ca.put("tls", Map.of("mode", "ca", "caPem", "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----"));
        TestHttp.Response response = admin().postJson("/api/clusters", ca);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path("tls.caPem").asText()).contains("not a PEM-encoded X.509");
    }

    @Test
    void onlyAdminsChangeClustersButEveryoneSignedInMayReadThem() {
        keep(admin().postJson("/api/clusters", cluster("ro")));
        for (String role : List.of("OPERATOR", "VIEWER")) {
            TestHttp user = userWithRole(role);
            assertThat(keep(user.get("/api/clusters")).status()).as(role).isEqualTo(200);
            assertThat(keep(user.postJson("/api/clusters", cluster("x-" + role.toLowerCase()))).status()).as(role).isEqualTo(403);
            assertThat(keep(user.putJson("/api/clusters/ro", cluster("ro"))).status()).as(role).isEqualTo(403);
            assertThat(keep(user.delete("/api/clusters/ro")).status()).as(role).isEqualTo(403);
            assertThat(keep(user.postJson("/api/clusters/ro/test", "{}")).status()).as(role).isEqualTo(403);
            assertThat(keep(user.get("/api/users")).status()).as(role).isEqualTo(403);
        }
        assertThat(anonymous().get("/api/clusters").status()).isEqualTo(401);
        assertThat(keep(admin().get("/api/clusters/ro")).json().path("tokenId").asText()).isEqualTo("pveflow@pve!automation");
        keep(admin().delete("/api/clusters/ro"));
        responses.forEach(r -> assertThat(r.body()).doesNotContain(SECRET));
    }

    @Test
    void connectionTestReportsTheExactErrorOfAnUnreachableCluster() {
        Map<String, Object> unreachable = cluster("probe");
        unreachable.put("endpoints", List.of("https://127.0.0.1:1"));
        keep(admin().postJson("/api/clusters", unreachable));
        TestHttp.Response response = keep(admin().postJson("/api/clusters/probe/test", "{}"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("failed");
        assertThat(response.json().path("message").asText()).startsWith("CONNECTION");
        assertThat(response.body()).doesNotContain(SECRET);
        assertThat(admin().postJson("/api/clusters/missing/test", "{}").status()).isEqualTo(404);
        keep(admin().delete("/api/clusters/probe"));
    }
}
