package io.pveflow.server.clusters;

import java.util.List;

/**
 * What the PVE client needs to reach a cluster, with the token secret decrypted. Only in memory, only for
 * the client; {@link #toString()} never shows the secret.
 */
public record ClusterCredentials(String clusterId, List<String> endpoints, String tokenId, String tokenSecret,
                                 TlsTrust tls) {

    /**
     * How the PVE client reaches this cluster: endpoints, token and TLS trust. Callers add their own timeouts and
     * retry policy before {@code build()}.
     */
    public io.pveflow.pve.client.PveClusterConfig.Builder clientConfig() {
        io.pveflow.pve.client.TlsTrust trust = switch (tls.mode()) {
            case FINGERPRINT -> io.pveflow.pve.client.TlsTrust.fingerprints(tls.fingerprint());
            case CA -> io.pveflow.pve.client.TlsTrust.caPem(tls.caPem());
            case SYSTEM -> io.pveflow.pve.client.TlsTrust.system();
        };
        return io.pveflow.pve.client.PveClusterConfig.builder().name(clusterId).endpoints(endpoints)
                .apiToken(tokenId, tokenSecret).trust(trust);
    }

    @Override
    public String toString() {
        return "ClusterCredentials[clusterId=" + clusterId + ", endpoints=" + endpoints + ", tokenId=" + tokenId
                + ", tokenSecret=***, tls=" + tls.mode() + "]";
    }
}
