package io.pveflow.server.clusters;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.pveflow.pve.client.PveApiException;
import io.pveflow.pve.client.PveClient;
import io.pveflow.pve.client.PveClients;
import io.pveflow.pve.client.RetryPolicy;
import io.pveflow.pve.client.model.NodeInfo;
import io.pveflow.pve.client.model.Version;

/**
 * Tests a cluster's registration the way the activities will use it: same endpoints, token and TLS trust.
 * Reports the Proxmox VE version and the nodes (with how many are online), or the exact error and its code
 * (AUTH for a wrong secret, CONNECTION for an unreachable endpoint or a certificate that does not match the
 * pin, PERMISSION, ...), and the token's privileges per ACL path, so an admin sees what it may do.
 */
@Component
class PveClusterProbe implements ClusterProbe, DisposableBean {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final PveClients clients = new PveClients();

    @Override
    public ProbeResult probe(ClusterCredentials cluster) {
        PveClient client = clients.newClient(cluster.clientConfig()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(PROBE_TIMEOUT)
                .callTimeout(PROBE_TIMEOUT.multipliedBy(2))
                .retry(RetryPolicy.none())
                .build());
        try {
            Version version = client.cluster().version();
            List<NodeInfo> nodes = client.nodes().list();
            long online = nodes.stream().filter(NodeInfo::isOnline).count();
            Map<String, List<String>> privileges = client.cluster().permissions();
            return new ProbeResult("ok", "Connected to Proxmox VE " + version.version() + ": " + nodes.size()
                    + " node(s), " + online + " online", version.version(), nodes.size(), privileges);
        } catch (PveApiException e) {
            return new ProbeResult("failed", e.code() + ": " + e.getMessage(), null, null, null);
        }
    }

    @Override
    public void destroy() {
        clients.close();
    }
}
