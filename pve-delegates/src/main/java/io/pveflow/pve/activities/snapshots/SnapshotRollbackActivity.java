package io.pveflow.pve.activities.snapshots;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activities.ActiveTasks;
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
import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.Upid;

/**
 * {@code pveSnapshotRollback}. A missing snapshot is reported before anything starts ({@code PVE_NOT_FOUND};
 * Proxmox would only fail inside the task). A rollback is idempotent; a retry after a crash adopts the guest's
 * rollback that is still running instead of failing on its {@code rollback} lock.
 */
@Component("pveSnapshotRollback")
public class SnapshotRollbackActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveSnapshotRollback",
            "Roll back to snapshot", "Snapshots", "rollback", "Rolls a guest back to one of its snapshots.",
            ActivityDescriptor.fields(List.of(
                    CommonFields.VMID, CommonFields.NODE, CommonFields.TYPE, CommonFields.SNAPNAME,
                    FieldSpec.of("start", "Start afterwards", FieldType.BOOLEAN)
                            .help("Start the guest once the rollback is done"),
                    ActivityDescriptor.resultVariableField("upid")),
                    ActivityDescriptor.waitFields("PT30M")),
            "upid", "the task's UPID", true);

    public SnapshotRollbackActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        GuestRef guest = context.guest();
        String name = context.fields().string("snapname");
        Optional<Upid> running = ActiveTasks.find(context.pve(), guest.node(),
                ActiveTasks.workerType(guest.type(), "rollback"), guest.vmid());
        if (running.isPresent()) {
            return Outcome.task(running.get(), running.get().value());
        }
        boolean exists = context.pve().snapshots().list(guest).stream().anyMatch(s -> name.equals(s.name()));
        if (!exists) {
            throw new ActivityFailure("PVE_NOT_FOUND", "snapshot '" + name + "' of " + guest + " does not exist");
        }
        Upid upid = context.pve().snapshots().rollback(guest, name, context.fields().bool("start"));
        return Outcome.task(upid, upid.value());
    }
}
