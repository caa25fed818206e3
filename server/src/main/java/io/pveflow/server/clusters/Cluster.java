package io.pveflow.server.clusters;

import java.time.Instant;
import java.util.List;

/**
 * A registered Proxmox VE cluster as stored, without its token secret (which only {@link ClusterService}
 * decrypts, for the PVE client). The id is the Flowable tenant id of everything that runs for the cluster.
 * {@code simulated} marks the demo cluster served by the in-process simulator; {@code allowHttpTask} lets its
 * processes use Flowable's HTTP task (off unless an admin turns it on).
 */
public record Cluster(
        String id,
        String displayName,
        List<String> endpoints,
        String tokenId,
        TlsTrust tls,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        long version,
        boolean simulated,
        boolean allowHttpTask) {

    public Cluster {
        endpoints = List.copyOf(endpoints);
    }
}
