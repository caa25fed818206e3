package io.pveflow.pve.client;

import java.util.List;

import io.pveflow.pve.client.http.PveTransport;
import io.pveflow.pve.client.model.NodeInfo;
import io.pveflow.pve.client.model.NodeStatus;
import io.pveflow.pve.client.model.RrdPoint;

/** Cluster nodes: list, status, statistics, reboot and shutdown. */
public final class Nodes {

    private final PveTransport t;

    Nodes(PveTransport transport) {
        this.t = transport;
    }

    public List<NodeInfo> list() {
        return t.convertList(t.call("GET", "/nodes", Calls.params()).data(), NodeInfo.class);
    }

    public NodeStatus status(String node) {
        return t.convert(t.call("GET", "/nodes/{node}/status", Calls.params("node", node)).data(), NodeStatus.class);
    }

    public List<RrdPoint> rrd(String node, Timeframe timeframe, Consolidation cf) {
        return Rrd.points(t, t.call("GET", "/nodes/{node}/rrddata", Calls.params("node", node, "timeframe",
                timeframe.value(), "cf", cf == null ? null : cf.name())));
    }

    /**
     * Reboots the node. Proxmox answers at once (no task) and the host acts about two seconds later; wait for it
     * to go offline and come back by polling {@link #list()}.
     */
    public void reboot(String node) {
        t.call("POST", "/nodes/{node}/status", Calls.params("node", node, "command", "reboot"));
    }

    /** Shuts the node down; see {@link #reboot}. */
    public void shutdown(String node) {
        t.call("POST", "/nodes/{node}/status", Calls.params("node", node, "command", "shutdown"));
    }
}
