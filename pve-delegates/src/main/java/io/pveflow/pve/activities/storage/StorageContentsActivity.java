package io.pveflow.pve.activities.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activities.CommonFields;
import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.ActivityFailure;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.PveClient;
import io.pveflow.pve.client.model.StorageConfig;
import io.pveflow.pve.client.model.StorageVolume;

/**
 * {@code pveStorageContents}: the volumes on a storage (ISOs, backups, templates, disk images). Without a node,
 * a shared storage is read once through any online node, and a local one on every online node that has it, each
 * volume naming its node, so "all backups of guest 102 on local" works without knowing where they are.
 */
@Component("pveStorageContents")
public class StorageContentsActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveStorageContents",
            "Storage contents", "Storage", "folder", "Lists ISOs, backups, templates or disk images on a storage.",
            List.of(CommonFields.NODE.help("Empty: any online node for a shared storage, every online node otherwise"),
                    StorageFields.STORAGE, StorageFields.CONTENT,
                    FieldSpec.of("vmid", "Guest (VMID)", FieldType.INTEGER).pattern("[1-9][0-9]{2,8}").picker("guests")
                            .help("Only this guest's volumes (its backups, its disks)"),
                    ActivityDescriptor.resultVariableField("contents")),
            "contents", "list of {volid, node, content, format, size, used, ctime, vmid, notes, protected, parent}", false);

    public StorageContentsActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        String node = context.fields().string("node");
        String storage = context.fields().string("storage");
        String content = context.fields().string("content");
        Integer vmid = context.fields().integer("vmid");
        List<Map<String, Object>> volumes = new ArrayList<>();
        for (String n : node != null ? List.of(node) : nodesToAsk(context.pve(), storage)) {
            for (StorageVolume v : context.pve().storage().content(n, storage, content, vmid)) {
                volumes.add(toMap(n, v));
            }
        }
        return Outcome.done(volumes);
    }

    private static List<String> nodesToAsk(PveClient pve, String storage) {
        StorageConfig definition = pve.storage().definitions(null).stream().filter(s -> storage.equals(s.storage()))
                .findFirst().orElseThrow(() -> new ActivityFailure("PVE_NOT_FOUND", "storage '" + storage
                        + "' does not exist"));
        List<String> restrictedTo = StorageFields.commaSeparated(definition.nodes());
        List<String> nodes = StorageFields.onlineNodes(pve).stream()
                .filter(n -> restrictedTo.isEmpty() || restrictedTo.contains(n)).toList();
        if (nodes.isEmpty()) {
            throw new ActivityFailure("PVE_CONNECTION", "no online node can read storage '" + storage + "'");
        }
        return Boolean.TRUE.equals(definition.shared()) ? nodes.subList(0, 1) : nodes;
    }

    private static Map<String, Object> toMap(String node, StorageVolume v) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("volid", v.volid());
        map.put("node", node);
        map.put("content", v.content());
        map.put("format", v.format());
        map.put("size", v.size());
        map.put("used", v.used());
        map.put("ctime", v.ctime());
        map.put("vmid", v.vmid());
        map.put("notes", v.notes());
        map.put("protected", Boolean.TRUE.equals(v.isProtected()));
        map.put("parent", v.parent());
        return map;
    }
}
