package io.pveflow.pve.activities.nodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.model.NodeInfo;

/** {@code pveGetNodes}: the cluster's nodes with their status. */
@Component("pveGetNodes")
public class GetNodesActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveGetNodes", "Get nodes", "Node",
            "server", "Lists the cluster's nodes with status, CPU, memory and uptime.",
            List.of(ActivityDescriptor.resultVariableField("nodes")),
            "nodes", "list of {node, status, cpu, maxcpu, mem, maxmem, uptime}", false);

    public GetNodesActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (NodeInfo n : context.pve().nodes().list()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("node", n.node());
            node.put("status", n.status());
            node.put("cpu", n.cpu());
            node.put("maxcpu", n.maxcpu() == null ? null : n.maxcpu().intValue());
            node.put("mem", n.mem());
            node.put("maxmem", n.maxmem());
            node.put("uptime", n.uptime());
            nodes.add(node);
        }
        return Outcome.done(nodes);
    }
}
