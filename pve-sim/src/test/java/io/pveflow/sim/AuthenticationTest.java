package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pveflow.sim.spec.ClusterSpec;
import io.pveflow.sim.support.Api;
import io.pveflow.sim.support.Await;
import io.pveflow.sim.support.TestClusters;

class AuthenticationTest {

    static PveSimulator sim;

    @BeforeAll
    static void start() {
        sim = TestClusters.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void anApiTokenAuthenticatesWithAnEqualsSignOrASpace() {
        Api withEquals = Api.anonymous(sim).header("PVEAPIToken=" + TestClusters.ROOT_TOKEN + "=" + TestClusters.ROOT_SECRET);
        Api withSpace = Api.anonymous(sim).header("PVEAPIToken " + TestClusters.ROOT_TOKEN + "=" + TestClusters.ROOT_SECRET);
        assertThat(withEquals.get("/version").status()).isEqualTo(200);
        assertThat(withSpace.get("/version").status()).isEqualTo(200);
    }

    @Test
    void aWrongTokenSecretIsRefused() {
        Api.Response r = Api.token(sim, TestClusters.ROOT_TOKEN, "wrong").get("/version");
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void aCallWithoutCredentialsGets401NoTicket() {
        Api.Response r = Api.anonymous(sim).get("/nodes");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.reason()).isEqualTo("No ticket");
        assertThat(r.message()).isEqualTo("No ticket\n");
    }

    @Test
    void aBadLoginGets401AuthenticationFailure() {
        Api.Response r = Api.anonymous(sim).post("/access/ticket", "username", "root@pam", "password", "nope");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.reason()).isEqualTo("authentication failure");
    }

    @Test
    void aLoginReturnsTicketCsrfTokenUserClusterAndCapabilities() {
        Api.Response r = Api.anonymous(sim).post("/access/ticket", "username", "root", "password", "pveflow",
                "realm", "pam");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("username").asText()).isEqualTo("root@pam");
        assertThat(r.data().get("ticket").asText()).startsWith("PVE:root@pam:");
        assertThat(r.data().get("CSRFPreventionToken").asText()).matches("[0-9A-F]{8}:\\S+");
        assertThat(r.data().get("clustername").asText()).isEqualTo("demo");
        assertThat(r.data().get("cap").get("vms").has("VM.PowerMgmt")).isTrue();
    }

    @Test
    void aTicketReadsWithTheCookieAndWritesOnlyWithTheCsrfToken() {
        Api.Response login = Api.anonymous(sim).post("/access/ticket", "username", "root@pam", "password", "pveflow");
        String ticket = login.data().get("ticket").asText();
        String csrf = login.data().get("CSRFPreventionToken").asText();

        assertThat(Api.anonymous(sim).ticket(ticket, null).get("/nodes").status()).isEqualTo(200);

        Api.Response withoutCsrf = Api.anonymous(sim).ticket(ticket, null).post("/nodes/pve1/qemu/112/snapshot",
                "snapname", "nocsrf");
        assertThat(withoutCsrf.status()).isEqualTo(401);
        assertThat(withoutCsrf.reason()).isEqualTo("invalid csrf token");

        Api.Response withCsrf = Api.anonymous(sim).ticket(ticket, csrf).post("/nodes/pve1/qemu/112/status/stop");
        assertThat(withCsrf.upid()).contains(":qmstop:112:root@pam:");
    }

    @Test
    void aTicketIsRenewedByPostingItAsThePassword() {
        String ticket = Api.anonymous(sim).post("/access/ticket", "username", "operator@pve", "password", "operator")
                .data().get("ticket").asText();
        Api.Response renewed = Api.anonymous(sim).post("/access/ticket", "username", "operator@pve",
                "password", ticket);
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.data().get("ticket").asText()).startsWith("PVE:operator@pve:");
    }

    @Test
    void anExpiredTicketIsRefused() {
        ClusterSpec shortLived = TestClusters.demoFast()
                .withTimings(TestClusters.demoFast().timings().withTicketLifetimeSeconds(1));
        try (PveSimulator s = PveSimulator.builder().cluster(shortLived).port(0).start()) {
            String ticket = Api.anonymous(s).post("/access/ticket", "username", "root@pam", "password", "pveflow")
                    .data().get("ticket").asText();
            Api api = Api.anonymous(s).ticket(ticket, null);
            Await.until("the ticket to expire", () -> api.get("/nodes").status() == 401);
            assertThat(api.get("/nodes").reason()).isEqualTo("permission denied - invalid PVE ticket");
        }
    }
}
