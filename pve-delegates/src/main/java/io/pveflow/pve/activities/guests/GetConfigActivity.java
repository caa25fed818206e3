package io.pveflow.pve.activities.guests;

import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activities.CommonFields;
import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.GuestRef;

/** {@code pveGetConfig}: a guest's configuration (or a snapshot's) as Proxmox stores it, keys unchanged. */
@Component("pveGetConfig")
public class GetConfigActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveGetConfig", "Get configuration",
            "Guest inventory", "settings", "Reads a guest's configuration: cores, memory, disks, network, ...",
            List.of(
                    CommonFields.VMID, CommonFields.NODE, CommonFields.TYPE,
                    FieldSpec.of("snapshot", "Snapshot", FieldType.STRING).pattern(CommonFields.SNAPNAME.pattern())
                            .picker("snapshots").dependsOn("vmid").help("Empty: the live configuration"),
                    FieldSpec.of("current", "Current values", FieldType.BOOLEAN).defaultValue("false")
                            .help("The values in effect now instead of those with pending changes applied"),
                    ActivityDescriptor.resultVariableField("config")),
            "config", "map of Proxmox's configuration keys (cores, memory, scsi0, net0, ..., digest)", false);

    public GetConfigActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        GuestRef guest = context.guest();
        String snapshot = context.fields().string("snapshot");
        boolean current = context.fields().bool("current");
        // a copy: the client's map is unmodifiable and of its own type
        return Outcome.done(new LinkedHashMap<>(context.pve().guests().config(guest, current, snapshot).values()));
    }
}
