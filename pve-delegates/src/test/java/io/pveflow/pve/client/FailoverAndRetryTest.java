package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pveflow.pve.client.testing.RecordTestNames;
import io.pveflow.pve.client.testing.RequestRecorder;
import io.pveflow.pve.client.testing.TestClusters;
import io.pveflow.sim.PveSimulator;
import io.pveflow.sim.spec.FaultsSpec;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * Several endpoints per cluster and safe retries: an endpoint that cannot be reached is skipped (and the one that
 * worked is remembered); GETs are retried on transient failures; a request that may have reached the server is
 * never sent twice unless it is a GET.
 */
@ExtendWith(RecordTestNames.class)
class FailoverAndRetryTest {

    static PveSimulator sim;
    static int closedPort;
    static final AtomicInteger connectFailures = new AtomicInteger();
    static PveClients counting;

    @BeforeAll
    static void start() throws IOException {
        sim = TestClusters.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free again once closed: connecting is refused
        }
        counting = new PveClients(new OkHttpClient.Builder()
                .addNetworkInterceptor(new RequestRecorder())
                .eventListener(new EventListener() {
                    @Override
                    public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol,
                            IOException e) {
                        connectFailures.incrementAndGet();
                    }
                })
                .build());
    }

    @AfterAll
    static void stop() {
        counting.close();
        sim.close();
    }

    @BeforeEach
    void reset() {
        connectFailures.set(0);
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    private static PveClient withEndpoints(String... endpoints) {
        PveClusterConfig.Builder b = PveClusterConfig.builder()
                .apiToken(TestClusters.ROOT_TOKEN, TestClusters.ROOT_SECRET)
                .trust(TlsTrust.fingerprints(sim.fingerprint()))
                .connectTimeout(Duration.ofSeconds(2))
                .retry(TestClusters.FAST_RETRY);
        for (String e : endpoints) {
            b.endpoint(e);
        }
        return counting.newClient(b.build());
    }

    private static String pathCount(String method, String suffix) {
        return method + " " + suffix + " x" + RequestRecorder.count(method, suffix);
    }

    @Test
    void anUnreachableFirstEndpointIsSkippedAndTheWorkingOneRemembered() {
        PveClient pve = withEndpoints("https://127.0.0.1:" + closedPort, sim.apiUrl());

        assertThat(pve.cluster().version()).isNotNull();
        assertThat(connectFailures.get()).isEqualTo(1);
        // a POST may fail over too: it never reached the dead endpoint
        assertThat(pve.waitForTask(pve.guests().start(GuestRef.qemu("pve2", 108)), Duration.ofSeconds(10))
                .isSuccess()).isTrue();
        pve.nodes().list();
        assertThat(connectFailures.get()).as("later calls go straight to the endpoint that answered").isEqualTo(1);
    }

    @Test
    void theTicketLoginFailsOverToo() {
        PveClient pve = counting.newClient(PveClusterConfig.builder()
                .endpoint("https://127.0.0.1:" + closedPort).endpoint(sim.apiUrl())
                .password("root@pam", "pveflow")
                .trust(TlsTrust.fingerprints(sim.fingerprint()))
                .retry(TestClusters.FAST_RETRY)
                .build());

        assertThat(pve.nodes().list()).hasSize(3);
        int failuresToFindTheNode = connectFailures.get();
        assertThat(pve.cluster().version()).isNotNull();
        assertThat(connectFailures.get()).isEqualTo(failuresToFindTheNode);
    }

    @Test
    void whenNoEndpointAnswersTheErrorIsConnectionNamingThemAll() {
        int otherClosed;
        try (ServerSocket socket = new ServerSocket(0)) {
            otherClosed = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        PveClient pve = withEndpoints("https://127.0.0.1:" + closedPort, "https://127.0.0.1:" + otherClosed);

        PveApiException e = catchThrowableOfType(PveApiException.class, () -> pve.guests().start(GuestRef.qemu("pve2", 108)));

        assertThat(e.code()).isEqualTo(PveErrorCode.CONNECTION);
        assertThat(e.getMessage()).contains(":" + closedPort).contains(":" + otherClosed);
        // nothing was sent anywhere, so even the POST was tried again: 3 attempts x 2 endpoints
        assertThat(connectFailures.get()).isEqualTo(6);
    }

    @Test
    void aPasswordClientThatReachesNoEndpointDoesNotMultiplyItsAttempts() {
        PveClient pve = counting.newClient(PveClusterConfig.builder()
                .endpoint("https://127.0.0.1:" + closedPort)
                .password("root@pam", "pveflow")
                .trust(TlsTrust.fingerprints(sim.fingerprint()))
                .retry(TestClusters.FAST_RETRY)
                .build());

        PveApiException e = catchThrowableOfType(PveApiException.class, () -> pve.cluster().version());

        assertThat(e.code()).isEqualTo(PveErrorCode.CONNECTION);
        assertThat(connectFailures.get()).as("3 attempts, each failing at the login").isEqualTo(3);
    }

    @Test
    void aGetIsRetriedOnATransientServerError() {
        sim.faults().error(new FaultsSpec.ErrorRule("GET", "/cluster/ha/status/current", null, 503, "busy", 2));
        long before = RequestRecorder.count("GET", "/cluster/ha/status/current");
        PveClient pve = withEndpoints(sim.apiUrl());

        assertThat(pve.ha().status()).isNotEmpty();

        assertThat(RequestRecorder.count("GET", "/cluster/ha/status/current") - before)
                .as(pathCount("GET", "/cluster/ha/status/current")).isEqualTo(3);
    }

    @Test
    void aGetIsRetriedWhenTheProxiedNodeIsUnreachableThenGivesUp() {
        sim.faults().nodeOffline("pve2");
        try {
            long before = RequestRecorder.count("GET", "/nodes/pve2/status");
            PveClient pve = withEndpoints(sim.apiUrl());

            PveApiException e = catchThrowableOfType(PveApiException.class, () -> pve.nodes().status("pve2"));

            assertThat(e.code()).isEqualTo(PveErrorCode.CONNECTION);
            assertThat(e.status()).isEqualTo(595);
            assertThat(RequestRecorder.count("GET", "/nodes/pve2/status") - before).isEqualTo(3);
        } finally {
            sim.faults().nodeOnline("pve2");
        }
    }

    @Test
    void aDefiniteAnswerIsNotRetried() {
        long before = RequestRecorder.count("GET", "/qemu/998/config");
        PveClient pve = withEndpoints(sim.apiUrl());

        catchThrowableOfType(PveApiException.class, () -> pve.guests().config(GuestRef.qemu("pve1", 998)));

        assertThat(RequestRecorder.count("GET", "/qemu/998/config") - before).isEqualTo(1);
    }

    @Test
    void aPostAnsweredWithAServerErrorIsNotReplayed() {
        sim.faults().error("POST", "/nodes/*/qemu/*/status/start", 503, "busy");
        long before = RequestRecorder.count("POST", "/qemu/117/status/start");
        PveClient pve = withEndpoints(sim.apiUrl());

        PveApiException e = catchThrowableOfType(PveApiException.class, () -> pve.guests().start(GuestRef.qemu("pve2", 117)));

        assertThat(e.status()).isEqualTo(503);
        assertThat(RequestRecorder.count("POST", "/qemu/117/status/start") - before).isEqualTo(1);
    }

    @Test
    void aPostWhoseConnectionDroppedIsNotReplayed() {
        sim.faults().drop("/nodes/*/qemu/*/status/stop", 1.0);
        long before = RequestRecorder.count("POST", "/qemu/103/status/stop");
        PveClient pve = withEndpoints(sim.apiUrl(), sim.apiUrl());

        PveApiException e = catchThrowableOfType(PveApiException.class, () -> pve.guests().stop(GuestRef.qemu("pve3", 103)));

        assertThat(e.code()).isEqualTo(PveErrorCode.CONNECTION);
        assertThat(RequestRecorder.count("POST", "/qemu/103/status/stop") - before)
                .as("sent once, not to the second endpoint either").isEqualTo(1);
    }

    @Test
    void aGetWhoseConnectionDroppedIsRetried() {
        sim.faults().apply(new FaultsSpec(null, null,
                java.util.List.of(new FaultsSpec.DropRule("GET", "/storage", 1.0, 1)), null, null, null, null, null));
        long before = RequestRecorder.count("GET", "/storage");
        PveClient pve = withEndpoints(sim.apiUrl());

        assertThat(pve.storage().definitions(null)).isNotEmpty();

        assertThat(RequestRecorder.count("GET", "/storage") - before).isEqualTo(2);
    }
}
