package io.pveflow.pve.activities.guests;

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
 * {@code pveResize}: grows a disk, by {@code +N} or to an absolute size (Proxmox cannot shrink). Since
 * qemu-server 8.0 this is a task; older versions answer nothing and the step finishes at once.
 * <p>
 * A retry after a crash adopts a resize of the guest that is still running. An absolute size is idempotent;
 * {@code +N} is not (a retry after the task ended grows the disk again), so prefer absolute sizes where a run
 * may be retried.
 */
@Component("pveResize")
public class ResizeActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveResize", "Resize disk",
            "Guest operations", "resize", "Grows a disk of a VM or a volume of a container.",
            ActivityDescriptor.fields(List.of(
                    CommonFields.VMID, CommonFields.NODE, CommonFields.TYPE,
                    FieldSpec.of("disk", "Disk", FieldType.STRING).mandatory()
                            .pattern("(ide|sata|scsi|virtio|efidisk|tpmstate|unused)[0-9]+|rootfs|mp[0-9]+")
                            .help("VM disk (scsi0, virtio0, ...) or container volume (rootfs, mp0, ...)"),
                    FieldSpec.of("size", "Size", FieldType.SIZE).mandatory().pattern("\\+?[0-9]+(\\.[0-9]+)?[KMGT]?")
                            .help("'+10G' to add, '50G' for the new size; shrinking is not possible"),
                    ActivityDescriptor.resultVariableField("upid")),
                    ActivityDescriptor.waitFields("PT10M")),
            "upid", "the task's UPID (null on Proxmox versions that answer none)", true);

    public ResizeActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        GuestRef guest = context.guest();
        Optional<Upid> upid = ActiveTasks.find(context.pve(), guest.node(), "resize", guest.vmid());
        if (upid.isEmpty()) {
            upid = context.pve().guests().resize(guest, context.fields().string("disk"),
                    context.fields().string("size"), null);
        }
        return upid.map(u -> Outcome.task(u, u.value())).orElseGet(() -> Outcome.done(null));
    }
}
