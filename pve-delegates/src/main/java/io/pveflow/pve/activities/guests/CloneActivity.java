package io.pveflow.pve.activities.guests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import io.pveflow.pve.client.ClusterApi;
import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.GuestType;
import io.pveflow.pve.client.Guests;
import io.pveflow.pve.client.PveClient;
import io.pveflow.pve.client.Upid;
import io.pveflow.pve.client.model.ClusterResource;

/**
 * {@code pveClone}: clones a VM or container to a new VMID (the next free one unless {@code newid} is given).
 * <p>
 * Safe to retry after a crash. With {@code newid}: a guest that already has that id and the requested name is
 * the first attempt's clone, so it is not cloned again (its task is adopted while it still runs); a guest with
 * that id and another name is a {@code PVE_CONFLICT}. Without {@code newid} a retry would pick another id, so a
 * guest with the requested name that is still locked {@code clone} is taken as the first attempt's clone. Only
 * {@code newid} plus a name makes a retry exactly-once after the clone task has ended.
 */
@Component("pveClone")
public class CloneActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveClone", "Clone",
            "Guest operations", "clone", "Clones a VM or container, from its current state or a snapshot.",
            ActivityDescriptor.fields(List.of(
                    CommonFields.VMID, CommonFields.NODE, CommonFields.TYPE,
                    FieldSpec.of("newid", "New VMID", FieldType.INTEGER).pattern("[1-9][0-9]{2,8}")
                            .help("The clone's VMID; the next free one when empty"),
                    FieldSpec.of("name", "Name", FieldType.STRING)
                            .help("The new VM's name (for a container: its hostname)"),
                    FieldSpec.of("hostname", "Hostname", FieldType.STRING)
                            .help("Containers: the new container's hostname (same as name)"),
                    FieldSpec.of("full", "Full clone", FieldType.BOOLEAN)
                            .help("A full copy; Proxmox's default is full for guests and linked for templates"),
                    FieldSpec.of("target", "Target node", FieldType.STRING).picker("nodes")
                            .pattern("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?")
                            .help("Create the clone on this node (shared storage only)"),
                    FieldSpec.of("storage", "Target storage", FieldType.STRING).picker("storages")
                            .help("Full clones: the storage for the new disks"),
                    FieldSpec.of("pool", "Pool", FieldType.STRING).help("Add the clone to this resource pool"),
                    FieldSpec.of("snapname", "From snapshot", FieldType.STRING)
                            .pattern("[a-zA-Z][a-zA-Z0-9_\\-]{1,39}").picker("snapshots").dependsOn("vmid")
                            .help("Clone the state saved in this snapshot instead of the current one"),
                    FieldSpec.of("description", "Description", FieldType.STRING),
                    ActivityDescriptor.resultVariableField("clone")),
                    ActivityDescriptor.waitFields("PT1H")),
            "clone", "a map: newid (the clone's VMID) and upid (null when the clone already existed)", true);

    public CloneActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        GuestRef source = context.guest();
        FieldReader fields = context.fields();
        PveClient pve = context.pve();
        List<ClusterResource> guests = pve.cluster().resources(ClusterApi.ResourceType.VM);
        String name = requestedName(source.type(), fields);
        Integer newid = fields.integer("newid");
        if (newid != null) {
            ClusterResource existing = find(guests, newid);
            if (existing != null) {
                String expected = name != null ? name : defaultName(source, find(guests, source.vmid()));
                if (!expected.equals(existing.name())) {
                    throw new ActivityFailure("PVE_CONFLICT", "VMID " + newid + " is already used by '"
                            + existing.name() + "'");
                }
                return alreadyCloned(pve, source, existing);
            }
        } else {
            if (name != null) {
                for (ClusterResource guest : guests) {
                    if (name.equals(guest.name()) && "clone".equals(guest.lock())) {
                        return alreadyCloned(pve, source, guest);
                    }
                }
            }
            newid = pve.cluster().nextId();
        }
        Upid upid = pve.guests().clone(source, newid, options(source.type(), name, fields));
        return Outcome.task(upid, result(newid, upid));
    }

    /** The first attempt's clone: wait for its task while it runs, else the step is done. */
    private static Outcome alreadyCloned(PveClient pve, GuestRef source, ClusterResource clone) {
        if ("clone".equals(clone.lock())) {
            Optional<Upid> running = ActiveTasks.find(pve, source.node(),
                    ActiveTasks.workerType(source.type(), "clone"), source.vmid());
            if (running.isPresent()) {
                return Outcome.task(running.get(), result(clone.vmid(), running.get()));
            }
        }
        return Outcome.done(result(clone.vmid(), null));
    }

    private static Guests.CloneOptions options(GuestType type, String name, FieldReader fields) {
        Guests.CloneOptions options = new Guests.CloneOptions();
        if (name != null) {
            options.name(type, name);
        }
        if (fields.raw("full") != null) {
            options.full(fields.bool("full"));
        }
        String target = fields.string("target");
        if (target != null) {
            options.target(target);
        }
        String storage = fields.string("storage");
        if (storage != null) {
            options.storage(storage);
        }
        String pool = fields.string("pool");
        if (pool != null) {
            options.pool(pool);
        }
        String snapname = fields.string("snapname");
        if (snapname != null) {
            options.snapname(snapname);
        }
        String description = fields.string("description");
        if (description != null) {
            options.description(description);
        }
        return options;
    }

    /** VMs have a name and containers a hostname; either field names the clone. */
    private static String requestedName(GuestType type, FieldReader fields) {
        String name = fields.string("name");
        String hostname = fields.string("hostname");
        return type == GuestType.QEMU ? (name != null ? name : hostname) : (hostname != null ? hostname : name);
    }

    /** The name Proxmox gives a clone when none is asked for. */
    private static String defaultName(GuestRef source, ClusterResource resource) {
        String sourceName = resource == null || resource.name() == null ? "" : resource.name();
        return source.type() == GuestType.QEMU ? "Copy-of-VM-" + sourceName : sourceName;
    }

    private static ClusterResource find(List<ClusterResource> guests, int vmid) {
        return guests.stream().filter(g -> g.vmid() != null && g.vmid() == vmid).findFirst().orElse(null);
    }

    private static Map<String, Object> result(int newid, Upid upid) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("newid", newid);
        result.put("upid", upid == null ? null : upid.value());
        return result;
    }
}
