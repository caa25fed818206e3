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
import io.pveflow.pve.client.GuestType;
import io.pveflow.pve.client.Upid;

/**
 * {@code pveSnapshotCreate}. Safe to retry after a crash: when a snapshot of that name already exists (the
 * first attempt reached Proxmox before the server died), it is not created again and the step succeeds.
 */
@Component("pveSnapshotCreate")
public class SnapshotCreateActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveSnapshotCreate", "Create snapshot",
            "Snapshots", "snapshot", "Takes a snapshot of a guest.",
            ActivityDescriptor.fields(List.of(
                    CommonFields.VMID, CommonFields.NODE, CommonFields.TYPE,
                    FieldSpec.of("snapname", "Snapshot name", FieldType.STRING).mandatory()
                            .pattern("[a-zA-Z][a-zA-Z0-9_\\-]{1,39}")
                            .help("Letters, digits, '-' and '_', starting with a letter; 'current' is reserved"),
                    FieldSpec.of("description", "Description", FieldType.STRING),
                    FieldSpec.of("vmstate", "Include RAM", FieldType.BOOLEAN).help("VMs only: save the running state"),
                    ActivityDescriptor.resultVariableField("upid")),
                    ActivityDescriptor.waitFields("PT30M")),
            "upid", "the task's UPID (null when the snapshot already existed)", true);

    public SnapshotCreateActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        GuestRef guest = context.guest();
        String name = context.fields().string("snapname");
        if ("current".equals(name)) {
            throw io.pveflow.pve.activity.ActivityFailure.invalidInput("snapname", "'current' is reserved by Proxmox");
        }
        boolean exists = context.pve().snapshots().list(guest).stream().anyMatch(s -> name.equals(s.name()));
        if (exists) {
            return Outcome.done(null);
        }
        String description = context.fields().string("description");
        boolean vmstate = guest.type() == GuestType.QEMU && context.fields().bool("vmstate");
        Upid upid = context.pve().snapshots().create(guest, name, description, vmstate);
        return Outcome.task(upid, upid.value());
    }
}
