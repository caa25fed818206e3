package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pveflow.pve.client.testing.RecordTestNames;
import io.pveflow.pve.client.testing.RequestRecorder;
import io.pveflow.pve.client.testing.RequestRecorder.Recorded;
import io.pveflow.pve.client.testing.TestClusters;
import io.pveflow.sim.PveSimulator;
import io.pveflow.sim.spec.Timings;

/** API tokens and tickets (login, CSRF token, renewal, re-login after the server refused the ticket). */
@ExtendWith(RecordTestNames.class)
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

    private static List<Recorded> logins(String test) {
        return RequestRecorder.all().stream()
                .filter(r -> r.path().equals("/access/ticket") && r.test().endsWith("." + test)).toList();
    }

    @Test
    void anApiTokenReadsAndActs() {
        PveClient pve = TestClusters.rootClient(sim);

        assertThat(pve.cluster().version().version()).isNotBlank();
        assertThat(pve.waitForTask(pve.guests().start(GuestRef.qemu("pve2", 108)), Duration.ofSeconds(10))
                .isSuccess()).isTrue();
    }

    @Test
    void aPasswordLogsInOnceAndSendsTheCsrfTokenOnChanges() {
        PveClient pve = TestClusters.client(sim, b -> b.password("root@pam", "pveflow"));

        assertThat(pve.nodes().list()).hasSize(3);
        Upid upid = pve.guests().start(GuestRef.qemu("pve3", 106)); // a POST: needs the CSRF token
        assertThat(upid.user()).isEqualTo("root@pam");
        pve.waitForTask(upid, Duration.ofSeconds(10));
        pve.snapshots().updateDescription(GuestRef.qemu("pve1", 112), "clean-install", "PUT with a ticket");

        assertThat(logins("aPasswordLogsInOnceAndSendsTheCsrfTokenOnChanges")).hasSize(1)
                .allSatisfy(r -> assertThat(r.params().get("password")).containsExactly("pveflow"));
    }

    @Test
    void anAgingTicketIsRenewedWithItselfAsThePassword() {
        PveClient pve = TestClusters.client(sim, b -> b.password("operator@pve", "operator")
                .ticketRenewAfter(Duration.ZERO));

        pve.cluster().version();
        pve.cluster().version();
        pve.guests().status(GuestRef.qemu("pve1", 100));

        List<Recorded> logins = logins("anAgingTicketIsRenewedWithItselfAsThePassword");
        assertThat(logins).hasSize(3);
        assertThat(logins.get(0).params().get("password")).containsExactly("operator");
        assertThat(logins.subList(1, 3)).allSatisfy(r -> assertThat(r.params().get("password").get(0))
                .startsWith("PVE:operator@pve:"));
    }

    @Test
    void anExpiredTicketIsReplacedOnceAndTheRequestRepeated() throws InterruptedException {
        try (PveSimulator shortTickets = TestClusters.start(TestClusters.demo(),
                Timings.fast().withTicketLifetimeSeconds(1))) {
            PveClient pve = TestClusters.client(shortTickets, b -> b.password("root@pam", "pveflow"));
            pve.cluster().version();

            Thread.sleep(2_200);
            Upid upid = pve.guests().start(GuestRef.qemu("pve3", 106)); // a POST after the ticket expired

            assertThat(upid.type()).isEqualTo("qmstart");
            List<Recorded> mine = RequestRecorder.all().stream()
                    .filter(r -> r.test().endsWith(".anExpiredTicketIsReplacedOnceAndTheRequestRepeated")).toList();
            assertThat(mine).filteredOn(r -> r.path().endsWith("/status/start")).extracting(Recorded::status)
                    .containsExactly(401, 200);
            assertThat(mine).filteredOn(r -> r.path().equals("/access/ticket")).hasSize(2);
        }
    }

    @Test
    void aWrongPasswordIsAuthWithoutThePasswordInTheMessage() {
        PveClient pve = TestClusters.client(sim, b -> b.password("root@pam", "WRONG-PASSWORD-42"));

        PveApiException e = catchThrowableOfType(PveApiException.class, () -> pve.cluster().version());

        assertThat(e.code()).isEqualTo(PveErrorCode.AUTH);
        assertThat(e.getMessage()).contains("root@pam").doesNotContain("WRONG-PASSWORD-42");
        assertThat(logins("aWrongPasswordIsAuthWithoutThePasswordInTheMessage")).hasSize(1); // not retried
    }

    @Test
    void aUserWithoutThePrivilegeIsRefusedWithPermission() {
        PveClient auditor = TestClusters.client(sim, b -> b.password("auditor@pve", "auditor"));

        PveApiException e = catchThrowableOfType(PveApiException.class,
                () -> auditor.guests().stop(GuestRef.qemu("pve1", 102)));

        assertThat(e.code()).isEqualTo(PveErrorCode.PERMISSION);
        assertThat(auditor.guests().status(GuestRef.qemu("pve1", 102)).isRunning()).isTrue();
    }
}
