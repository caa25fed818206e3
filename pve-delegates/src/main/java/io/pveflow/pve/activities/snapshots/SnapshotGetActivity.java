package io.pveflow.pve.activities.snapshots;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activities.CommonFields;
import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.ActivityFailure;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.model.Snapshot;

/**
 * {@code pveSnapshotGet}: a guest's snapshots, or one snapshot's configuration when {@code snapname} is given.
 * Proxmox's list ends with a pseudo-entry {@code current} (the live state, whose parent is the snapshot it
 * derives from); it is not a snapshot, so it is left out (the client drops it already; the filter here keeps
 * that promise should the client change): a rotation that deletes "all but the newest N" must never see it. The
 * list is ordered oldest first.
 */
@Component("pveSnapshotGet")
public class SnapshotGetActivity extends PveActivity {

    private static final FieldSpec SNAPNAME = new FieldSpec(CommonFields.SNAPNAME.name(), CommonFields.SNAPNAME.label(),
            CommonFields.SNAPNAME.type(), false, null, CommonFields.SNAPNAME.pattern(), null,
            "Empty: list every snapshot; a name: that snapshot's configuration", CommonFields.SNAPNAME.picker(),
            CommonFields.SNAPNAME.dependsOn());

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveSnapshotGet", "Get snapshots",
            "Snapshots", "snapshot", "Lists a guest's snapshots, or reads one snapshot's configuration.",
            List.of(CommonFields.VMID, CommonFields.NODE, CommonFields.TYPE, SNAPNAME,
                    ActivityDescriptor.resultVariableField("snapshots")),
            "snapshots", "without snapname: list of {name, description, parent, snaptime, vmstate}, oldest first, "
                    + "without Proxmox's 'current' pseudo-entry; with snapname: map of the snapshot's configuration", false);

    public SnapshotGetActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        GuestRef guest = context.guest();
        String name = context.fields().string("snapname");
        if ("current".equals(name)) {
            throw ActivityFailure.invalidInput("snapname", "'current' is Proxmox's name for the live state, not a snapshot");
        }
        if (name != null) {
            return Outcome.done(new LinkedHashMap<>(context.pve().snapshots().config(guest, name).values()));
        }
        List<Map<String, Object>> snapshots = new ArrayList<>();
        context.pve().snapshots().list(guest).stream()
                .filter(s -> !s.isCurrent())
                .sorted(Comparator.comparing(Snapshot::snaptime, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(s -> snapshots.add(toMap(s)));
        return Outcome.done(snapshots);
    }

    private static Map<String, Object> toMap(Snapshot s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", s.name());
        map.put("description", s.description());
        map.put("parent", s.parent());
        map.put("snaptime", s.snaptime());
        map.put("vmstate", Boolean.TRUE.equals(s.vmstate()));
        return map;
    }
}
