package io.pveflow.server.clusters;

/** Connects to a cluster and reports what it finds; the PVE client provides the real one. */
public interface ClusterProbe {

    ProbeResult probe(ClusterCredentials cluster);

    /**
     * The outcome of a connection test.
     *
     * @param status     {@code ok}, {@code failed}, or {@code unavailable} when no PVE client is installed
     * @param message    what happened, in words (the exact error on failure)
     * @param pveVersion the cluster's Proxmox VE version when reached
     * @param nodeCount  the number of nodes when reached
     * @param privileges the token's privileges when reached
     */
    record ProbeResult(String status, String message, String pveVersion, Integer nodeCount,
                       java.util.Map<String, java.util.List<String>> privileges) {

        public static ProbeResult unavailable(String message) {
            return new ProbeResult("unavailable", message, null, null, null);
        }
    }
}
