package io.pveflow.pve.activities.guests;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activities.ActiveTasks;
import io.pveflow.pve.activities.CommonFields;
import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.Upid;
import io.pveflow.pve.client.model.ClusterResource;

/**
 * {@code pveConvertToTemplate}: turns a stopped guest into a template. A VM answers with a task. A container
 * answers nothing although Proxmox still runs a {@code vztemplate} worker; that worker is looked up in the node's
 * running tasks and waited for when found, otherwise the step finishes at once.
 * <p>
 * Safe to retry: a guest that already is a template needs nothing more (Proxmox would refuse it).
 */
@Component("pveConvertToTemplate")
public class ConvertToTemplateActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveConvertToTemplate",
            "Convert to template", "Guest operations", "template", "Converts a stopped VM or container to a template.",
            ActivityDescriptor.fields(List.of(
                    CommonFields.VMID, CommonFields.NODE, CommonFields.TYPE,
                    ActivityDescriptor.resultVariableField(null)),
                    ActivityDescriptor.waitFields("PT30M")),
            null, "the task's UPID when a variable is named (null when there is no task to report)", true);

    public ConvertToTemplateActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        GuestRef guest = context.guest();
        ClusterResource resource = context.resource(guest.vmid());
        if (resource != null && resource.isTemplate()) {
            return Outcome.done(null);
        }
        String workerType = ActiveTasks.workerType(guest.type(), "template");
        Optional<Upid> upid = ActiveTasks.find(context.pve(), guest.node(), workerType, guest.vmid());
        if (upid.isEmpty()) {
            upid = context.pve().guests().template(guest);
        }
        if (upid.isEmpty()) {
            upid = ActiveTasks.find(context.pve(), guest.node(), workerType, guest.vmid());
        }
        return upid.map(u -> Outcome.task(u, u.value())).orElseGet(() -> Outcome.done(null));
    }
}
