package io.pveflow.pve.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to talk to one cluster: its endpoints (one per node, tried in order; the one that answered
 * last is tried first), credentials, certificate trust, timeouts and retries. Immutable; build with
 * {@link #builder()}. {@code toString()} never shows secrets.
 */
public final class PveClusterConfig {

    private final String name;
    private final List<String> endpoints;
    private final PveCredentials credentials;
    private final TlsTrust trust;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final RetryPolicy retry;
    private final Duration ticketRenewAfter;

    private PveClusterConfig(Builder b) {
        this.name = b.name == null ? endpointHost(b.endpoints.isEmpty() ? null : b.endpoints.get(0)) : b.name;
        this.endpoints = List.copyOf(b.endpoints);
        this.credentials = Objects.requireNonNull(b.credentials, "credentials");
        this.trust = Objects.requireNonNull(b.trust, "trust: choose fingerprints, caPem, system or insecure");
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.callTimeout = b.callTimeout;
        this.retry = b.retry;
        this.ticketRenewAfter = b.ticketRenewAfter;
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one endpoint");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() {
        return name;
    }

    /** Base URLs, normalised to {@code https://HOST:PORT/api2/json}. */
    public List<String> endpoints() {
        return endpoints;
    }

    public PveCredentials credentials() {
        return credentials;
    }

    public TlsTrust trust() {
        return trust;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /** The whole call, retries and failover included; zero means no limit. */
    public Duration callTimeout() {
        return callTimeout;
    }

    public RetryPolicy retry() {
        return retry;
    }

    /** Tickets live two hours; the client renews them after this age. */
    public Duration ticketRenewAfter() {
        return ticketRenewAfter;
    }

    @Override
    public String toString() {
        return "PveClusterConfig[" + name + ", endpoints=" + endpoints + ", credentials=" + credentials + ", trust="
                + trust + "]";
    }

    /**
     * Normalises an endpoint: {@code pve1}, {@code pve1:8006}, {@code https://10.0.0.1:8006} and
     * {@code https://10.0.0.1:8006/api2/json} all work; the port defaults to 8006, the path to {@code /api2/json}.
     */
    static String normalizeEndpoint(String endpoint) {
        String text = endpoint.trim();
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri = URI.create(text);
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("Proxmox VE is only reachable over https: " + endpoint);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in endpoint '" + endpoint + "'");
        }
        int port = uri.getPort() == -1 ? 8006 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")
                ? "/api2/json" : uri.getRawPath().replaceAll("/+$", "");
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost();
        return "https://" + host + ":" + port + path;
    }

    private static String endpointHost(String endpoint) {
        return endpoint == null ? "cluster" : URI.create(endpoint).getHost();
    }

    public static final class Builder {
        private String name;
        private final List<String> endpoints = new ArrayList<>();
        private PveCredentials credentials;
        private TlsTrust trust;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration callTimeout = Duration.ofSeconds(120);
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration ticketRenewAfter = Duration.ofMinutes(60);

        private Builder() {
        }

        /** A display name (logs, metrics); defaults to the first endpoint's host. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** Adds an endpoint; see {@link PveClusterConfig#normalizeEndpoint} for accepted forms. */
        public Builder endpoint(String endpoint) {
            endpoints.add(normalizeEndpoint(endpoint));
            return this;
        }

        public Builder endpoints(List<String> values) {
            values.forEach(this::endpoint);
            return this;
        }

        public Builder apiToken(String tokenId, String secret) {
            return credentials(PveCredentials.apiToken(tokenId, secret));
        }

        public Builder password(String username, String password) {
            return credentials(PveCredentials.password(username, password));
        }

        public Builder credentials(PveCredentials value) {
            this.credentials = value;
            return this;
        }

        public Builder trust(TlsTrust value) {
            this.trust = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** Time allowed between bytes of an answer. PVE's proxying to another node alone can take 30 s. */
        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        public Builder ticketRenewAfter(Duration value) {
            this.ticketRenewAfter = value;
            return this;
        }

        public PveClusterConfig build() {
            return new PveClusterConfig(this);
        }
    }
}
