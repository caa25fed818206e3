package io.pveflow.pve.activities.guests;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activities.ActiveTasks;
import io.pveflow.pve.activities.CommonFields;
import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.ActivityFailure;
import io.pveflow.pve.activity.FieldReader;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.GuestType;
import io.pveflow.pve.client.Guests;
import io.pveflow.pve.client.Upid;
import io.pveflow.pve.client.model.ClusterResource;

/**
 * {@code pveMigrate}: moves a guest to another node, live ({@code online}) or offline; a running container moves
 * in restart mode. Proxmox refuses a running VM without {@code online} before starting a worker, which surfaces
 * as {@code PVE_CONFLICT}.
 * <p>
 * Safe to retry after a crash: a guest already on the target needs nothing more, and a migration still running
 * (the guest is locked {@code migrate}) is adopted instead of being refused on the lock.
 * <p>
 * An HA-managed guest is moved by the HA manager: Proxmox answers with a {@code hamigrate} task that ends at once
 * and the guest arrives later, so the wait lasts until the guest is on the target node.
 */
@Component("pveMigrate")
public class MigrateActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveMigrate", "Migrate",
            "Guest operations", "migrate", "Moves a VM or container to another node, live or offline.",
            ActivityDescriptor.fields(List.of(
                    CommonFields.VMID, CommonFields.NODE, CommonFields.TYPE,
                    FieldSpec.of("target", "Target node", FieldType.STRING).mandatory().picker("nodes")
                            .pattern("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?"),
                    FieldSpec.of("online", "Live migration", FieldType.BOOLEAN)
                            .help("VMs: migrate while running (required for a running VM)"),
                    FieldSpec.of("with-local-disks", "With local disks", FieldType.BOOLEAN)
                            .help("VMs: copy disks on local storage to the target too"),
                    FieldSpec.of("targetstorage", "Target storage", FieldType.STRING).picker("storages")
                            .help("Storage on the target for local disks, or a mapping 'source:target,...'"),
                    FieldSpec.of("restart", "Restart mode", FieldType.BOOLEAN)
                            .help("Containers: shut a running container down, move it and start it again"),
                    ActivityDescriptor.resultVariableField("upid")),
                    ActivityDescriptor.waitFields("PT30M")),
            "upid", "the task's UPID (null when the guest already was on the target node)", true);

    public MigrateActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        GuestRef guest = context.guest();
        FieldReader fields = context.fields();
        String target = fields.string("target");
        if (target.equals(guest.node())) {
            return Outcome.done(null);
        }
        ClusterResource resource = context.resource(guest.vmid());
        if (resource != null && "migrate".equals(resource.lock())) {
            Optional<Upid> running = ActiveTasks.find(context.pve(), guest.node(),
                    guest.type() == GuestType.QEMU ? "qmigrate" : "vzmigrate", guest.vmid());
            if (running.isPresent()) {
                return Outcome.task(running.get(), running.get().value());
            }
        }
        Upid upid = context.pve().guests().migrate(guest, target, options(guest.type(), fields));
        if (upid.type().startsWith("ha")) {
            return Outcome.haMigration(upid, upid.value(), target, guest.vmid());
        }
        return Outcome.task(upid, upid.value());
    }

    /** Only the parameters Proxmox defines for the guest's kind; the rest would be refused. */
    private static Guests.MigrateOptions options(GuestType type, FieldReader fields) {
        Guests.MigrateOptions options = new Guests.MigrateOptions();
        String storage = fields.string("targetstorage");
        if (storage != null) {
            options.targetStorage(type, storage);
        }
        if (type == GuestType.QEMU) {
            if (fields.bool("online")) {
                options.online(true);
            }
            if (fields.bool("with-local-disks")) {
                options.withLocalDisks(true);
            }
        } else {
            if (fields.bool("online")) {
                // Proxmox answers "not implemented", which would read as a transient server fault
                throw ActivityFailure.invalidInput("online", "containers cannot migrate live; use restart mode");
            }
            if (fields.bool("restart")) {
                options.restart(true);
            }
        }
        return options;
    }
}
