package io.pveflow.sim.support;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.sim.PveSimulator;
import io.pveflow.sim.spec.ClusterSpec;
import io.pveflow.sim.spec.Timings;
import io.pveflow.sim.spec.TokenSpec;

/** The demo cluster with fast timings and a few tokens made for tests. */
public final class TestClusters {

    public static final String ROOT_TOKEN = "root@pam!pveflow";
    public static final String ROOT_SECRET = "5b8e4a2c-9f1d-4c7e-8a3b-6d2f0e1c9a47";
    /** May power guests and audit them, but not snapshot them. */
    public static final String NO_SNAPSHOT_TOKEN = "operator@pve!nosnap";
    public static final String NO_SNAPSHOT_SECRET = "nosnap-secret";
    /** Sees and powers only VM 100. */
    public static final String ONLY_100_TOKEN = "operator@pve!only100";
    public static final String ONLY_100_SECRET = "only100-secret";

    private TestClusters() {
    }

    public static ClusterSpec demoFast() {
        return ClusterSpec.demo()
                .withTimings(Timings.fast())
                .withToken(TokenSpec.of(NO_SNAPSHOT_TOKEN, NO_SNAPSHOT_SECRET)
                        .allow("/vms", "VM.Audit", "VM.PowerMgmt"))
                .withToken(TokenSpec.of(ONLY_100_TOKEN, ONLY_100_SECRET)
                        .allow("/vms/100", "VM.Audit", "VM.PowerMgmt"));
    }

    public static PveSimulator start() {
        return PveSimulator.builder().cluster(demoFast()).port(0).start();
    }

    /** Polls the task until it stops and returns its final status object. */
    public static JsonNode awaitTask(Api api, String upid) {
        String node = upid.split(":")[1];
        JsonNode[] last = new JsonNode[1];
        Await.until("task " + upid + " to stop", () -> {
            Api.Response r = api.get("/nodes/" + node + "/tasks/" + upid + "/status");
            if (r.status() != 200) {
                return false;
            }
            last[0] = r.data();
            return "stopped".equals(r.data().get("status").asText());
        });
        return last[0];
    }

    public static String guestStatus(Api api, String node, String kind, int vmid) {
        return api.get("/nodes/" + node + "/" + kind + "/" + vmid + "/status/current").data().get("status").asText();
    }
}
