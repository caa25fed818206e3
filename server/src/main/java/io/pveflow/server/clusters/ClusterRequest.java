package io.pveflow.server.clusters;

import java.util.List;

/**
 * What an admin sends to add or change a cluster. {@code tokenSecret} is write-only: required when adding,
 * optional when changing (absent keeps the stored one), never sent back.
 */
public record ClusterRequest(
        String id,
        String displayName,
        List<String> endpoints,
        String tokenId,
        String tokenSecret,
        Tls tls,
        Boolean allowHttpTask) {

    public ClusterRequest(String id, String displayName, List<String> endpoints, String tokenId, String tokenSecret, Tls tls) {
        this(id, displayName, endpoints, tokenId, tokenSecret, tls, null);
    }

    /** TLS trust as sent: {@code mode} is fingerprint, ca or system (case-insensitive). */
    public record Tls(String mode, String fingerprint, String caPem) {
    }

    @Override
    public String toString() {
        // Never let the secret reach a log line through toString().
        return "ClusterRequest[id=" + id + ", displayName=" + displayName + ", endpoints=" + endpoints
                + ", tokenId=" + tokenId + ", tokenSecret=" + (tokenSecret == null ? "absent" : "***") + ", tls=" + tls + ", allowHttpTask=" + allowHttpTask + "]";
    }
}
