package io.pveflow.server.clusters;

/** Connects to a cluster and reports what it finds ({@code POST /api/clusters/{id}/test}). */
public interface ClusterProbe {

    ProbeResult probe(ClusterCredentials cluster);

    /**
     * The outcome of a connection test.
     *
     * @param status     {@code ok} or {@code failed}
     * @param message    what happened, in words (the exact error on failure)
     * @param pveVersion the cluster's Proxmox VE version when reached
     * @param nodeCount  the number of nodes when reached
     * @param privileges the token's privileges per ACL path, when reached
     */
    record ProbeResult(String status, String message, String pveVersion, Integer nodeCount,
                       java.util.Map<String, java.util.List<String>> privileges) {
    }
}
