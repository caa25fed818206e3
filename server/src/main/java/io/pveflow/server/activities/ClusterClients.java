package io.pveflow.server.activities;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.pveflow.pve.activity.ActivityFailure;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.client.PveClient;
import io.pveflow.pve.client.PveClients;
import io.pveflow.server.clusters.Cluster;
import io.pveflow.server.clusters.ClusterService;
import io.pveflow.server.web.NotFoundException;

/**
 * One PVE client per cluster, sharing one connection pool; rebuilt when an admin changes the cluster (its
 * version moves), so a new token or endpoint takes effect at the next step.
 */
@Component
class ClusterClients implements PveClientRegistry, DisposableBean {

    private record Entry(long version, PveClient client) {
    }

    private final ClusterService clusters;
    private final PveClients pool = new PveClients();
    private final Map<String, Entry> clients = new ConcurrentHashMap<>();

    ClusterClients(ClusterService clusters) {
        this.clusters = clusters;
    }

    @Override
    public PveClient client(String clusterId) {
        Cluster cluster;
        try {
            cluster = clusters.get(clusterId == null ? "" : clusterId);
        } catch (NotFoundException e) {
            throw new ActivityFailure("PVE_NO_CLUSTER", "The run's cluster '" + clusterId + "' is not registered; "
                    + "deploy the process under a cluster's id (tenant)");
        }
        Entry entry = clients.get(clusterId);
        if (entry == null || entry.version() != cluster.version()) {
            entry = new Entry(cluster.version(), pool.newClient(clusters.credentials(clusterId).clientConfig()
                    .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(60)).build()));
            clients.put(clusterId, entry);
        }
        return entry.client();
    }


    @Override
    public void destroy() {
        pool.close();
    }
}
