package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pveflow.pve.client.testing.RecordTestNames;
import io.pveflow.pve.client.testing.TestClusters;
import io.pveflow.sim.PveSimulator;

/** The four trust modes against the simulator's real certificates (its own CA, one certificate per node). */
@ExtendWith(RecordTestNames.class)
class TlsTrustTest {

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
    void thePinnedFingerprintIsTrusted() {
        PveClient pve = TestClusters.client(sim, b -> b.trust(TlsTrust.fingerprints(sim.fingerprint().toLowerCase())));

        assertThat(pve.cluster().version()).isNotNull();
    }

    @Test
    void aWrongPinRefusesToConnectAndSaysWhichFingerprintWasSeen() {
        String wrong = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
        PveClient pve = TestClusters.client(sim, b -> b.trust(TlsTrust.fingerprints(wrong)));

        PveApiException e = catchThrowableOfType(PveApiException.class, () -> pve.cluster().version());

        assertThat(e.code()).isEqualTo(PveErrorCode.CONNECTION);
        assertThat(e.getMessage()).contains("fingerprint").contains(sim.fingerprint()).contains(wrong);
    }

    @Test
    void anotherNodesPinDoesNotOpenThisNode() {
        PveClient pve = TestClusters.client(sim, b -> b.trust(TlsTrust.fingerprints(sim.fingerprint("pve2"))));

        assertThat(catchThrowableOfType(PveApiException.class, () -> pve.nodes().list()).code())
                .isEqualTo(PveErrorCode.CONNECTION);
    }

    @Test
    void anyOfSeveralPinsIsEnough() {
        PveClient pve = TestClusters.client(sim, b -> b.trust(TlsTrust.fingerprints(sim.fingerprint("pve2"),
                sim.fingerprint("pve1"))));

        assertThat(pve.nodes().list()).hasSize(3);
    }

    @Test
    void theClusterCaIsTrustedWithHostNameVerification() {
        PveClient byIp = TestClusters.client(sim, b -> b.trust(TlsTrust.caPem(sim.caPem())));
        PveClient localhost = TestClusters.clients().newClient(PveClusterConfig.builder()
                .endpoint("https://localhost:" + sim.port())
                .apiToken(TestClusters.ROOT_TOKEN, TestClusters.ROOT_SECRET)
                .trust(TlsTrust.caPem(sim.caPem()))
                .build());

        assertThat(byIp.cluster().version()).isNotNull();
        assertThat(localhost.cluster().version()).isNotNull();
    }

    @Test
    void theSystemTrustStoreDoesNotKnowTheClusterCa() {
        PveClient pve = TestClusters.client(sim, b -> b.trust(TlsTrust.system()));

        PveApiException e = catchThrowableOfType(PveApiException.class, () -> pve.cluster().version());

        assertThat(e.code()).isEqualTo(PveErrorCode.CONNECTION);
        assertThat(e.getMessage()).containsIgnoringCase("certification path");
    }

    @Test
    void insecureModeConnectsToAnything() {
        PveClient pve = TestClusters.client(sim, b -> b.trust(TlsTrust.insecure()));

        assertThat(pve.cluster().version()).isNotNull();
    }
}
