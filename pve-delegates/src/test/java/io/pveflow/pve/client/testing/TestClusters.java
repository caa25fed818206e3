package io.pveflow.pve.client.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.pveflow.pve.client.PveClient;
import io.pveflow.pve.client.PveClients;
import io.pveflow.pve.client.PveClusterConfig;
import io.pveflow.pve.client.RetryPolicy;
import io.pveflow.pve.client.TlsTrust;
import io.pveflow.sim.PveSimulator;
import io.pveflow.sim.spec.ClusterSpec;
import io.pveflow.sim.spec.TokenSpec;
import io.pveflow.sim.spec.Timings;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Simulators and clients for the tests: the demo cluster with fast timings, a few extra tokens, and clients that
 * all share one {@link PveClients} whose base records every request.
 */
public final class TestClusters {

    public static final String ROOT_TOKEN = "root@pam!pveflow";
    public static final String ROOT_SECRET = "5b8e4a2c-9f1d-4c7e-8a3b-6d2f0e1c9a47";
    /** Audit only: may read guests but not snapshot them. */
    public static final String AUDITOR_TOKEN = "auditor@pve!monitoring";
    public static final String AUDITOR_SECRET = "7d2a9c4e-1f8b-4e3a-b6d5-0a9c8e7f2b14";
    /** Power and audit on /vms, no VM.Snapshot. */
    public static final String POWER_TOKEN = "root@pam!power";
    public static final String POWER_SECRET = "power-secret";

    /** Quick retries so retry tests stay fast. */
    public static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100));

    private static final PveClients CLIENTS = new PveClients(new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(64, 1, TimeUnit.MINUTES))
            .addNetworkInterceptor(new RequestRecorder())
            .build());

    private TestClusters() {
    }

    /** The demo cluster plus a token that may power guests but not snapshot them. */
    public static ClusterSpec demo() {
        return ClusterSpec.demo().withToken(TokenSpec.of(POWER_TOKEN, POWER_SECRET)
                .allow("/vms", "VM.Audit", "VM.PowerMgmt"));
    }

    public static PveSimulator start() {
        return start(demo(), Timings.fast());
    }

    public static PveSimulator start(ClusterSpec spec, Timings timings) {
        return PveSimulator.builder().cluster(spec).timings(timings).port(0).start();
    }

    public static PveClients clients() {
        return CLIENTS;
    }

    /** root's token, the served certificate pinned. */
    public static PveClient rootClient(PveSimulator sim) {
        return client(sim, b -> b);
    }

    public static PveClient client(PveSimulator sim, UnaryOperator<PveClusterConfig.Builder> customize) {
        PveClusterConfig.Builder builder = PveClusterConfig.builder()
                .name("sim")
                .endpoint(sim.apiUrl())
                .apiToken(ROOT_TOKEN, ROOT_SECRET)
                .trust(TlsTrust.fingerprints(sim.fingerprint()))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(30))
                .retry(FAST_RETRY);
        return CLIENTS.newClient(customize.apply(builder).build());
    }
}
