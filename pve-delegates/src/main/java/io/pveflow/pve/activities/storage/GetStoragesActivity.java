package io.pveflow.pve.activities.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activities.CommonFields;
import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.model.StorageStatus;

/**
 * {@code pveGetStorages}: the storages a node sees, with usage. Without a node, every online node's storages,
 * one entry per node and storage as Proxmox's own resource view has them (a shared storage once per node).
 */
@Component("pveGetStorages")
public class GetStoragesActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveGetStorages", "Get storages",
            "Storage", "database", "Lists storages with their usage, on one node or on every online node.",
            List.of(CommonFields.NODE.help("Empty: every online node"), StorageFields.CONTENT
                            .help("Only storages that hold this content type (e.g. backup)"),
                    ActivityDescriptor.resultVariableField("storages")),
            "storages", "list of {storage, node, type, content (list), shared, active, enabled, total, used, avail, "
                    + "used_fraction}", false);

    public GetStoragesActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        String node = context.fields().string("node");
        String content = context.fields().string("content");
        List<String> nodes = node != null ? List.of(node) : StorageFields.onlineNodes(context.pve());
        List<Map<String, Object>> storages = new ArrayList<>();
        for (String n : nodes) {
            for (StorageStatus s : context.pve().storage().onNode(n, content)) {
                storages.add(toMap(n, s));
            }
        }
        return Outcome.done(storages);
    }

    private static Map<String, Object> toMap(String node, StorageStatus s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("storage", s.storage());
        map.put("node", node);
        map.put("type", s.type());
        map.put("content", StorageFields.commaSeparated(s.content()));
        map.put("shared", Boolean.TRUE.equals(s.shared()));
        map.put("active", Boolean.TRUE.equals(s.active()));
        map.put("enabled", !Boolean.FALSE.equals(s.enabled()));
        map.put("total", s.total());
        map.put("used", s.used());
        map.put("avail", s.avail());
        map.put("used_fraction", s.usedFraction());
        return map;
    }
}
