package io.pveflow.pve.activities.snapshots;

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

/** {@code pveSnapshotUpdate}: changes a snapshot's description. Proxmox does it at once (no task); idempotent. */
@Component("pveSnapshotUpdate")
public class SnapshotUpdateActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveSnapshotUpdate",
            "Update snapshot", "Snapshots", "edit", "Changes the description of a snapshot.",
            List.of(CommonFields.VMID, CommonFields.NODE, CommonFields.TYPE, CommonFields.SNAPNAME,
                    FieldSpec.of("description", "Description", FieldType.STRING)
                            .help("The new description; empty clears it"),
                    ActivityDescriptor.resultVariableField(null)),
            null, "nothing", false);

    public SnapshotUpdateActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        GuestRef guest = context.guest();
        String description = context.fields().string("description");
        context.pve().snapshots().updateDescription(guest, context.fields().string("snapname"),
                description == null ? "" : description);
        return Outcome.done(null);
    }
}
