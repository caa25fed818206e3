package io.pveflow.pve.activities.nodes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.ActivityFailure;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.model.NodeInfo;

/**
 * {@code pveNodeShutdownReboot}: shuts a node down or reboots it. Proxmox answers at once with no task and the
 * host acts about two seconds later. A reboot waits (no thread held) until the node is online again with an
 * uptime that says it booted after the request; a shutdown ends once Proxmox has accepted the command.
 *
 * <p>Safe to retry after a crash: a node that is already offline is not sent the command again (Proxmox could
 * not be reached through it anyway) and the step succeeds, because the first attempt most likely took it down.
 */
@Component("pveNodeShutdownReboot")
public class NodeShutdownRebootActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveNodeShutdownReboot",
            "Shut down or reboot node", "Node", "power", "Shuts down or reboots a node; a reboot waits until the "
                    + "node is back online.",
            ActivityDescriptor.fields(List.of(NodeRrdActivity.NODE,
                    FieldSpec.of("command", "Command", FieldType.ENUM).oneOf("reboot", "shutdown").mandatory(),
                    ActivityDescriptor.resultVariableField(null)
                            .help("Optional: a variable that receives {node, command, requestedAt, alreadyOffline}")),
                    ActivityDescriptor.waitFields("PT20M")),
            null, "map {node, command, requestedAt (epoch seconds), alreadyOffline} when a result variable is set", true);

    public NodeShutdownRebootActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        String node = context.fields().string("node");
        String command = context.fields().string("command");
        NodeInfo info = context.pve().nodes().list().stream().filter(n -> node.equals(n.node())).findFirst()
                .orElseThrow(() -> new ActivityFailure("PVE_NOT_FOUND", "node '" + node + "' is not part of the cluster"));
        boolean offline = !info.isOnline();
        Instant requestedAt = Instant.now();
        if (!offline) {
            if ("reboot".equals(command)) {
                context.pve().nodes().reboot(node);
            } else {
                context.pve().nodes().shutdown(node);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("node", node);
        result.put("command", command);
        result.put("requestedAt", requestedAt.getEpochSecond());
        result.put("alreadyOffline", offline);
        if ("reboot".equals(command) && !offline) {
            return Outcome.nodeBack(node, requestedAt, result);
        }
        return Outcome.done(result);
    }
}
