package io.pveflow.pve.activities.ha;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

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
import io.pveflow.pve.client.Ha;
import io.pveflow.pve.client.model.ClusterResource;
import io.pveflow.pve.client.model.HaMigration;

/**
 * {@code pveManageHa}: adds, removes, changes the requested state of, migrates or relocates an HA resource.
 * Proxmox records each request at once (no task) and the HA manager acts on it a little later, so the step does
 * not wait for the guest; follow it with a check where the process depends on the outcome.
 * <p>
 * The resource is {@code sid} ({@code vm:100}, {@code ct:105}) or derived from {@code vmid} by the guest's type.
 * Safe to retry: adding a resource that exists sets its state and comment instead, and removing one that is gone
 * succeeds.
 */
@Component("pveManageHa")
public class ManageHaActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveManageHa", "Manage HA",
            "High availability", "ha", "Adds or removes a guest's HA resource, sets its state, migrates or relocates it.",
            List.of(FieldSpec.of("vmid", "Guest (VMID)", FieldType.INTEGER).pattern("[1-9][0-9]{2,8}").picker("guests")
                            .help("The guest; its HA resource is vm:<vmid> or ct:<vmid>. Or give sid"),
                    FieldSpec.of("sid", "HA resource", FieldType.STRING).pattern("(vm|ct):[1-9][0-9]{2,8}")
                            .picker("haResources").help("vm:<vmid> or ct:<vmid>; used when vmid is empty"),
                    FieldSpec.of("operation", "Operation", FieldType.ENUM)
                            .oneOf("add", "remove", "set-state", "migrate", "relocate").mandatory(),
                    FieldSpec.of("state", "Requested state", FieldType.ENUM)
                            .oneOf("started", "stopped", "enabled", "disabled", "ignored")
                            .help("add (default started) and set-state"),
                    FieldSpec.of("node", "Target node", FieldType.STRING).picker("nodes")
                            .pattern("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?")
                            .help("migrate (live) and relocate (stop, move, start): where the guest goes"),
                    FieldSpec.of("comment", "Comment", FieldType.STRING).help("add and set-state"),
                    ActivityDescriptor.resultVariableField(null)),
            null, "a map: sid, operation, and for migrate/relocate on PVE 9 requested-node, blocking-resources, "
                    + "comigrated-resources", false);

    public ManageHaActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        FieldReader fields = context.fields();
        String sid = sid(context);
        String operation = fields.string("operation");
        Ha ha = context.pve().ha();
        boolean exists = ha.resources(null).stream().anyMatch(r -> sid.equals(r.sid()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sid", sid);
        result.put("operation", operation);
        switch (operation) {
            case "add" -> {
                if (exists) {
                    ha.update(sid, options(fields, false));
                } else {
                    ha.add(sid, options(fields, false));
                }
            }
            case "remove" -> {
                if (exists) {
                    ha.remove(sid, null);
                }
            }
            case "set-state" -> ha.update(sid, options(fields, true));
            case "migrate", "relocate" -> {
                String node = fields.string("node");
                if (node == null) {
                    throw ActivityFailure.invalidInput("node", "the target node is required to " + operation);
                }
                Optional<HaMigration> answer = "migrate".equals(operation) ? ha.migrate(sid, node)
                        : ha.relocate(sid, node);
                result.put("node", node);
                answer.ifPresent(a -> {
                    result.put("requested-node", a.requestedNode());
                    result.put("blocking-resources", a.blockingResources());
                    result.put("comigrated-resources", a.comigratedResources());
                });
            }
            default -> throw new IllegalStateException(operation);
        }
        return Outcome.done(result);
    }

    /** The resource id: {@code sid} as given, or {@code vm:}/{@code ct:} and the VMID by the guest's type. */
    private static String sid(ActivityContext context) {
        Integer vmid = context.fields().integer("vmid");
        if (vmid == null) {
            String sid = context.fields().string("sid");
            if (sid == null) {
                throw ActivityFailure.invalidInput("vmid", "give the guest's vmid or the HA resource's sid");
            }
            return sid;
        }
        ClusterResource guest = context.resource(vmid);
        if (guest == null) {
            throw new ActivityFailure("PVE_NOT_FOUND", "guest " + vmid + " does not exist (or the token may not see it)");
        }
        return ("lxc".equals(guest.type()) ? "ct:" : "vm:") + vmid;
    }

    private static Ha.Options options(FieldReader fields, boolean stateRequired) {
        Ha.Options options = new Ha.Options();
        String state = fields.string("state");
        if (state == null && stateRequired) {
            throw ActivityFailure.invalidInput("state", "the requested state is required to set-state");
        }
        if (state != null) {
            options.state(Ha.Options.State.valueOf(state.toUpperCase(Locale.ROOT)));
        }
        String comment = fields.string("comment");
        if (comment != null) {
            options.comment(comment);
        }
        return options;
    }
}
