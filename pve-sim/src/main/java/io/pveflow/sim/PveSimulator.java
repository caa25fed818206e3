package io.pveflow.sim;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.pveflow.sim.api.ApiDefinitions;
import io.pveflow.sim.api.Endpoint;
import io.pveflow.sim.api.Simulation;
import io.pveflow.sim.faults.Faults;
import io.pveflow.sim.http.ApiServer;
import io.pveflow.sim.spec.ClusterSpec;
import io.pveflow.sim.spec.Timings;
import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.tls.ClusterPki;

/**
 * A simulated Proxmox VE 9 cluster answering {@code https://HOST:PORT/api2/json/...}.
 *
 * <pre>{@code
 * try (PveSimulator sim = PveSimulator.builder().cluster(ClusterSpec.demo()).port(0).start()) {
 *     String url = sim.apiUrl();            // https://127.0.0.1:PORT/api2/json
 *     String pin = sim.fingerprint();       // AB:CD:... of the served node certificate
 *     sim.faults().nodeOffline("pve2");
 * }
 * }</pre>
 */
public final class PveSimulator implements AutoCloseable {

    private final Simulation simulation;
    private final ApiServer server;
    private final String host;
    private final String servedNode;
    private final String adminToken;

    private PveSimulator(Simulation simulation, ApiServer server, String host, String servedNode, String adminToken) {
        this.simulation = simulation;
        this.server = server;
        this.host = host;
        this.servedNode = servedNode;
        this.adminToken = adminToken;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code https://127.0.0.1:PORT} (no path). */
    public String baseUrl() {
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "https://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port();
    }

    /** {@code https://127.0.0.1:PORT/api2/json}. */
    public String apiUrl() {
        return baseUrl() + "/api2/json";
    }

    public int port() {
        return server.address().getPort();
    }

    /** SHA-256 fingerprint (colon-separated upper-case hex) of the certificate this port serves. */
    public String fingerprint() {
        return fingerprint(servedNode);
    }

    /** A node's certificate fingerprint, as {@code GET /nodes} shows it. */
    public String fingerprint(String node) {
        return simulation.pki().node(node).fingerprint();
    }

    /** The cluster CA ({@code pve-root-ca.pem}) in PEM. */
    public String caPem() {
        return simulation.pki().caPem();
    }

    /** A client TLS context trusting the cluster CA (host names 127.0.0.1/localhost verify). */
    public SSLContext clientSslContext() {
        return simulation.pki().clientContext();
    }

    /** The node whose certificate this port presents. */
    public String servedNode() {
        return servedNode;
    }

    public Faults faults() {
        return simulation.faults();
    }

    /** The bearer token of {@code /_sim/...}. */
    public String adminToken() {
        return adminToken;
    }

    public ClusterSpec spec() {
        return simulation.spec();
    }

    /** Direct access to state, tasks and access control, for assertions and setup in tests. */
    public Simulation simulation() {
        return simulation;
    }

    public Cluster cluster() {
        return simulation.cluster();
    }

    /** Every method and path served, with its parameter rules. */
    public static List<Endpoint> endpoints() {
        return ApiDefinitions.all();
    }

    @Override
    public void close() {
        server.close();
        simulation.close();
    }

    /** Options for a simulator; {@link #start()} builds the certificates, state and listener. */
    public static final class Builder {
        private ClusterSpec cluster;
        private Timings timings;
        private String host = "127.0.0.1";
        private int port = 8006;
        private String servedNode;
        private String adminToken;
        private int workerThreads = 64;

        public Builder cluster(ClusterSpec spec) {
            this.cluster = spec;
            return this;
        }

        /** Overrides the cluster file's timings (tests use {@link Timings#fast()}). */
        public Builder timings(Timings value) {
            this.timings = value;
            return this;
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /** 8006 by default; 0 picks a free port. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Which node's certificate the listener presents (default: the first node). */
        public Builder servedNode(String node) {
            this.servedNode = node;
            return this;
        }

        public Builder adminToken(String token) {
            this.adminToken = token;
            return this;
        }

        public Builder workerThreads(int threads) {
            this.workerThreads = threads;
            return this;
        }

        public PveSimulator start() {
            ClusterSpec spec = cluster != null ? cluster : ClusterSpec.demo();
            if (timings != null) {
                spec = spec.withTimings(timings);
            }
            Map<String, String> nodeIps = new LinkedHashMap<>();
            spec.nodes().forEach(n -> nodeIps.put(n.name(), n.ip()));
            ClusterPki pki = ClusterPki.create(nodeIps);
            Simulation simulation = new Simulation(spec, pki);
            String node = servedNode != null ? servedNode : spec.nodes().get(0).name();
            simulation.localNode(node);
            String token = adminToken != null ? adminToken : randomToken();
            try {
                ApiServer server = ApiServer.start(simulation, host, port, pki.serverContext(node), workerThreads, token);
                return new PveSimulator(simulation, server, host, node, token);
            } catch (RuntimeException e) {
                simulation.close();
                throw e;
            }
        }

        private static String randomToken() {
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }
}
