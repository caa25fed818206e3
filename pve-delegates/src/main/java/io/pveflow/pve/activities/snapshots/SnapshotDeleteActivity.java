package io.pveflow.pve.activities.snapshots;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activities.ActiveTasks;
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
import io.pveflow.pve.client.Upid;

/**
 * {@code pveSnapshotDelete}. Safe to retry after a crash: a snapshot that is no longer there is what the step
 * wants, so it succeeds without a task (like {@code rm -f}); a deletion of the guest's snapshot still running is
 * adopted instead of failing on the guest's {@code snapshot-delete} lock.
 */
@Component("pveSnapshotDelete")
public class SnapshotDeleteActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveSnapshotDelete",
            "Delete snapshot", "Snapshots", "snapshot-delete", "Deletes a snapshot of a guest.",
            ActivityDescriptor.fields(List.of(
                    CommonFields.VMID, CommonFields.NODE, CommonFields.TYPE, CommonFields.SNAPNAME,
                    FieldSpec.of("force", "Force", FieldType.BOOLEAN)
                            .help("Remove the snapshot from the configuration even if deleting its disk snapshots fails"),
                    ActivityDescriptor.resultVariableField("upid")),
                    ActivityDescriptor.waitFields("PT30M")),
            "upid", "the task's UPID (null when the snapshot did not exist)", true);

    public SnapshotDeleteActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        GuestRef guest = context.guest();
        String name = context.fields().string("snapname");
        boolean exists = context.pve().snapshots().list(guest).stream().anyMatch(s -> name.equals(s.name()));
        if (!exists) {
            return Outcome.done(null);
        }
        Optional<Upid> running = ActiveTasks.find(context.pve(), guest.node(),
                ActiveTasks.workerType(guest.type(), "delsnapshot"), guest.vmid());
        Upid upid = running.orElseGet(() -> context.pve().snapshots().delete(guest, name,
                context.fields().bool("force")));
        return Outcome.task(upid, upid.value());
    }
}
