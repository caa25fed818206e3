package io.pveflow.server.clusters;

import java.util.List;

/**
 * What the PVE client needs to reach a cluster, with the token secret decrypted. Only in memory, only for
 * the client; {@link #toString()} never shows the secret.
 */
public record ClusterCredentials(String clusterId, List<String> endpoints, String tokenId, String tokenSecret,
                                 TlsTrust tls) {

    @Override
    public String toString() {
        return "ClusterCredentials[clusterId=" + clusterId + ", endpoints=" + endpoints + ", tokenId=" + tokenId
                + ", tokenSecret=***, tls=" + tls.mode() + "]";
    }
}
