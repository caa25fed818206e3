package io.pveflow.server.clusters;

import java.time.Instant;
import java.util.List;

/** A cluster as the API shows it: everything but the token secret, of which only its presence is told. */
public record ClusterView(
        String id,
        String displayName,
        List<String> endpoints,
        String tokenId,
        boolean tokenSecretSet,
        Tls tls,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        boolean simulated,
        boolean allowHttpTask) {

    public record Tls(String mode, String fingerprint, String caPem) {
    }

    static ClusterView of(Cluster cluster) {
        TlsTrust tls = cluster.tls();
        return new ClusterView(cluster.id(), cluster.displayName(), cluster.endpoints(), cluster.tokenId(), true,
                new Tls(tls.mode().name().toLowerCase(java.util.Locale.ROOT), tls.fingerprint(), tls.caPem()),
                cluster.createdAt(), cluster.createdBy(), cluster.updatedAt(), cluster.updatedBy(), cluster.simulated(),
                cluster.allowHttpTask());
    }
}
