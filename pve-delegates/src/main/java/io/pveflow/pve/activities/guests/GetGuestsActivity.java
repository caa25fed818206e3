package io.pveflow.pve.activities.guests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.ClusterApi;
import io.pveflow.pve.client.model.ClusterResource;

/** {@code pveGetGuests}: the cluster's VMs and containers, filtered, as plain maps. */
@Component("pveGetGuests")
public class GetGuestsActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveGetGuests", "Get guests",
            "Guest inventory", "list", "Lists VMs and containers of the cluster, filtered by type, node, tags, pool and status.",
            List.of(
                    FieldSpec.of("type", "Type", FieldType.ENUM).oneOf("qemu", "lxc").help("Empty: both"),
                    FieldSpec.of("node", "Node", FieldType.STRING).picker("nodes").help("Empty: every node"),
                    FieldSpec.of("tags", "Tags", FieldType.LIST).help("Guests that have every one of these tags"),
                    FieldSpec.of("pool", "Pool", FieldType.STRING),
                    FieldSpec.of("status", "Status", FieldType.ENUM).oneOf("running", "stopped", "paused"),
                    ActivityDescriptor.resultVariableField("guests")),
            "guests", "list of {vmid, name, type, node, status, tags, pool, template, hastate, maxmem, maxdisk, cpus}", false);

    public GetGuestsActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        String type = context.fields().string("type");
        String node = context.fields().string("node");
        List<String> tags = context.fields().list("tags").stream().map(String::valueOf).toList();
        String pool = context.fields().string("pool");
        String status = context.fields().string("status");
        List<Map<String, Object>> guests = new ArrayList<>();
        for (ClusterResource r : context.pve().cluster().resources(ClusterApi.ResourceType.VM)) {
            List<String> guestTags = r.tags() == null || r.tags().isBlank() ? List.of()
                    : Arrays.stream(r.tags().split("[;, ]+")).filter(t -> !t.isEmpty()).toList();
            if ((type == null || type.equals(r.type())) && (node == null || node.equals(r.node()))
                    && guestTags.containsAll(tags) && (pool == null || pool.equals(r.pool()))
                    && (status == null || status.equals(r.status()))) {
                Map<String, Object> guest = new LinkedHashMap<>();
                guest.put("vmid", r.vmid());
                guest.put("name", r.name());
                guest.put("type", r.type());
                guest.put("node", r.node());
                guest.put("status", r.status());
                guest.put("tags", guestTags);
                guest.put("pool", r.pool());
                guest.put("template", Boolean.TRUE.equals(r.template()));
                guest.put("hastate", r.hastate());
                guest.put("maxmem", r.maxmem());
                guest.put("maxdisk", r.maxdisk());
                guest.put("cpus", r.maxcpu() == null ? null : r.maxcpu().intValue());
                guests.add(guest);
            }
        }
        return Outcome.done(guests);
    }
}
