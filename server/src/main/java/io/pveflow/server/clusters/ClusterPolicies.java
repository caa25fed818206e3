package io.pveflow.server.clusters;

import org.springframework.stereotype.Component;

/**
 * What a cluster's processes may do beyond the defaults, for checks that run inside the engine (the deploy
 * guard). Reads the registry directly, so it depends on nothing of the engine's.
 */
@Component
public class ClusterPolicies {

    private final ClusterRepository repository;

    ClusterPolicies(ClusterRepository repository) {
        this.repository = repository;
    }

    /** Whether an admin allowed Flowable's HTTP task for this cluster (tenant); never for the shared library. */
    public boolean allowsHttpTask(String clusterId) {
        return clusterId != null && !clusterId.isEmpty()
                && repository.findById(clusterId).map(Cluster::allowHttpTask).orElse(false);
    }
}
