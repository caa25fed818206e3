package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.cert.X509Certificate;

import javax.net.ssl.HttpsURLConnection;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.sim.support.Api;
import io.pveflow.sim.support.Await;
import io.pveflow.sim.support.TestClusters;
import io.pveflow.sim.tls.Fingerprints;

class TlsAndNodesTest {

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

    private static X509Certificate servedCertificate() throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) URI.create(sim.apiUrl() + "/version").toURL().openConnection();
        c.setSSLSocketFactory(sim.clientSslContext().getSocketFactory());
        c.setRequestProperty("Authorization", "PVEAPIToken=" + TestClusters.ROOT_TOKEN + "=" + TestClusters.ROOT_SECRET);
        c.getResponseCode();
        X509Certificate cert = (X509Certificate) c.getServerCertificates()[0];
        c.disconnect();
        return cert;
    }

    @Test
    void theServedCertificateIsSignedByTheClusterCaAndMatchesTheFingerprint() throws Exception {
        X509Certificate served = servedCertificate();
        assertThat(Fingerprints.sha256(served)).isEqualTo(sim.fingerprint())
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(served.getIssuerX500Principal().getName()).contains("PVE Cluster Manager CA");
        assertThat(sim.caPem()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void nodesShowTheirOwnFingerprints() {
        JsonNode nodes = root.get("/nodes").data();
        assertThat(nodes.size()).isEqualTo(3);
        assertThat(nodes.get(0).get("ssl_fingerprint").asText()).isEqualTo(sim.fingerprint("pve1"))
                .isEqualTo(sim.fingerprint());
        assertThat(nodes.get(1).get("ssl_fingerprint").asText()).isEqualTo(sim.fingerprint("pve2"))
                .isNotEqualTo(sim.fingerprint("pve1"));
    }

    @Test
    void certificateInfoShowsThePveSslCertificate() {
        JsonNode info = root.get("/nodes/pve2/certificates/info").data();
        JsonNode ssl = info.get(1);
        assertThat(ssl.get("filename").asText()).isEqualTo("pve-ssl.pem");
        assertThat(ssl.get("fingerprint").asText()).isEqualTo(sim.fingerprint("pve2"));
        assertThat(ssl.get("subject").asText()).contains("CN=pve2.local");
        assertThat(ssl.get("pem").asText()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void nodeStatusAndRrdLookLikeARealHost() {
        JsonNode status = root.get("/nodes/pve1/status").data();
        assertThat(status.get("pveversion").asText()).startsWith("pve-manager/9.1.1/");
        assertThat(status.get("memory").get("total").asLong()).isEqualTo(128L << 30);
        JsonNode rrd = root.get("/nodes/pve1/rrddata", "timeframe", "hour").data();
        assertThat(rrd.size()).isEqualTo(70);
        assertThat(rrd.get(0).get("cpu").asDouble()).isBetween(0.0, 1.0);
        JsonNode again = root.get("/nodes/pve1/rrddata", "timeframe", "hour").data();
        assertThat(again.get(0)).isEqualTo(rrd.get(0));
        assertThat(root.get("/nodes/pve1/qemu/100/rrddata", "timeframe", "day", "cf", "MAX").data().size())
                .isEqualTo(70);
    }

    @Test
    void clusterResourcesFilterByType() {
        assertThat(root.get("/cluster/resources", "type", "node").data().size()).isEqualTo(3);
        assertThat(root.get("/cluster/resources", "type", "vm").data().size()).isEqualTo(20);
        JsonNode vm100 = root.get("/cluster/resources", "type", "vm").data().get(0);
        assertThat(vm100.get("id").asText()).isEqualTo("qemu/100");
        assertThat(vm100.get("hastate").asText()).isEqualTo("started");
        assertThat(vm100.get("tags").asText()).isEqualTo("prod;web");
        assertThat(vm100.get("pool").asText()).isEqualTo("prod");
        assertThat(root.get("/cluster/resources").data().toString()).contains("\"type\":\"pool\"",
                "\"type\":\"storage\"", "\"type\":\"sdn\"");
    }

    @Test
    void aNodeRebootAnswersNullAndTheNodeGoesAwayAndComesBack() {
        try (PveSimulator s = TestClusters.start()) {
            Api api = Api.root(s);
            Api.Response r = api.post("/nodes/pve3/status", "command", "reboot");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.data().isNull()).isTrue();
            Await.until("pve3 offline", () -> api.get("/nodes/pve3/status").status() == 595);
            Await.until("pve3 back", () -> api.get("/nodes/pve3/status").status() == 200);
            Await.until("onboot guests running", () -> TestClusters.guestStatus(api, "pve3", "qemu", 113)
                    .equals("running"));
        }
    }
}
