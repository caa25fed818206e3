package io.pveflow.pve.activity;

import io.pveflow.pve.client.PveClient;

/** The PVE client of a cluster, by the tenant id its processes run under. The server provides it. */
public interface PveClientRegistry {

    /** The client for the cluster; throws {@link ActivityFailure} with {@code PVE_NO_CLUSTER} when there is none. */
    PveClient client(String clusterId);
}
