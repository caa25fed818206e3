package io.pveflow.pve.activities.backup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.flowable.engine.delegate.DelegateExecution;
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
import io.pveflow.pve.client.Backups;
import io.pveflow.pve.client.ClusterApi;
import io.pveflow.pve.client.PveApiException;
import io.pveflow.pve.client.PveClient;
import io.pveflow.pve.client.Upid;
import io.pveflow.pve.client.model.ClusterResource;
import io.pveflow.pve.client.model.StorageVolume;

/**
 * {@code pveBackup}: backs up one or more guests with {@code vzdump}. One vzdump task runs on one node and
 * silently skips guests on other nodes, so every listed guest must be on the same node (else
 * {@code PVE_INVALID_PARAM}; back up per node, e.g. with a multi-instance step).
 * <p>
 * The result is {@code {upid, volid, volids}}. The archive names are only known once the task has ended, so they
 * are filled in when the task watcher wakes the step: from the task's log, or, when the log tail no longer shows
 * them, from the storage's backups of each guest created since the task started. With {@code wait=false} they
 * stay empty.
 * <p>
 * Safe to retry after a crash: a vzdump of the same guests still running on the node (a single guest: the task
 * about that VMID; several: a job without an id while all of them are locked {@code backup}) is adopted instead
 * of starting a second backup that would fail on the lock. A backup that already ended is not detected.
 */
@Component("pveBackup")
public class BackupActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveBackup", "Backup",
            "Backup", "backup", "Backs up guests with vzdump onto a backup storage.",
            ActivityDescriptor.fields(List.of(
                    FieldSpec.of("vmid", "Guests (VMIDs)", FieldType.LIST).mandatory().picker("guests")
                            .help("One VMID or a list (comma-separated or a collection); all on one node"),
                    CommonFields.NODE,
                    FieldSpec.of("storage", "Storage", FieldType.STRING).picker("storages")
                            .help("The backup storage; the node's vzdump default when empty"),
                    FieldSpec.of("mode", "Mode", FieldType.ENUM).oneOf("snapshot", "suspend", "stop")
                            .help("snapshot (no downtime), suspend, or stop; Proxmox's default is snapshot"),
                    FieldSpec.of("compress", "Compression", FieldType.ENUM).oneOf("0", "1", "gzip", "lzo", "zstd"),
                    FieldSpec.of("notes-template", "Notes template", FieldType.STRING)
                            .help("Notes of each backup, e.g. '{{guestname}} before upgrade'"),
                    FieldSpec.of("protected", "Protected", FieldType.BOOLEAN)
                            .help("Keep the backups from being pruned or deleted"),
                    ActivityDescriptor.resultVariableField("backup")),
                    ActivityDescriptor.waitFields("PT2H")),
            "backup", "a map: upid, volid (the archive of the first guest), volids (all archives)", true);

    private final PveClientRegistry clients;

    public BackupActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
        this.clients = clients;
    }

    @Override
    protected Outcome run(ActivityContext context) {
        FieldReader fields = context.fields();
        Set<Integer> vmids = vmids(fields);
        PveClient pve = context.pve();
        Map<Integer, ClusterResource> guests = guests(pve, vmids);
        String node = node(fields.string("node"), guests);
        Optional<Upid> running = runningBackup(pve, node, guests);
        if (running.isPresent()) {
            return Outcome.task(running.get(), result(running.get(), fields.string("storage"), vmids));
        }
        Backups.Options options = new Backups.Options().vmids(vmids);
        String storage = fields.string("storage");
        if (storage != null) {
            options.storage(storage);
        }
        String mode = fields.string("mode");
        if (mode != null) {
            options.mode(Backups.Options.Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)));
        }
        String compress = fields.string("compress");
        if (compress != null) {
            options.compress(compress);
        }
        String notes = fields.string("notes-template");
        if (notes != null) {
            options.notesTemplate(notes);
        }
        if (fields.bool("protected")) {
            options.protect(true);
        }
        Upid upid = pve.backups().start(node, options);
        return Outcome.task(upid, result(upid, storage, vmids));
    }

    /** After the framework stored the result, adds the archives the finished task wrote. */
    @Override
    @SuppressWarnings("unchecked")
    public void trigger(DelegateExecution execution, String signalName, Object signalData) {
        super.trigger(execution, signalName, signalData);
        String variable = new FieldReader(execution, DESCRIPTOR).string("resultVariable");
        if (variable == null || !(execution.getVariable(variable) instanceof Map<?, ?> stored)
                || !(execution.getVariable(variable + "Task") instanceof Map<?, ?> task)) {
            return;
        }
        Map<String, Object> result = new LinkedHashMap<>((Map<String, Object>) stored);
        List<String> log = task.get("log") instanceof List<?> lines ? (List<String>) lines : List.of();
        String storage = (String) result.get("storage");
        if (storage == null) {
            storage = BackupArchives.storage(log);
        }
        List<String> volids = BackupArchives.volids(log, storage);
        if (volids.isEmpty() && storage != null) {
            volids = fromStorage(execution.getTenantId(), Upid.parse((String) result.get("upid")), storage,
                    result.get("vmids") instanceof List<?> ids ? ids : List.of());
        }
        result.put("storage", storage);
        result.put("volid", volids.isEmpty() ? null : volids.get(0));
        result.put("volids", new ArrayList<>(volids));
        execution.setVariable(variable, result);
    }

    /** The newest backup of each guest on the storage made since the task started (the log tail was cut). */
    private List<String> fromStorage(String clusterId, Upid upid, String storage, List<?> vmids) {
        List<String> volids = new ArrayList<>();
        try {
            PveClient pve = clients.client(clusterId);
            long since = upid.startTime().getEpochSecond();
            for (Object vmid : vmids) {
                pve.storage().content(upid.node(), storage, "backup", ((Number) vmid).intValue()).stream()
                        .filter(v -> v.ctime() != null && v.ctime() >= since)
                        .max(Comparator.comparing(StorageVolume::ctime))
                        .ifPresent(v -> volids.add(v.volid()));
            }
        } catch (PveApiException e) {
            // the backup itself succeeded; a missing archive name must not fail the step
            return volids;
        }
        return volids;
    }

    private static Set<Integer> vmids(FieldReader fields) {
        Set<Integer> vmids = new LinkedHashSet<>();
        for (Object item : fields.list("vmid")) {
            String text = String.valueOf(item).trim();
            if (item instanceof Number number) {
                text = Long.toString(number.longValue());
            }
            if (!text.matches("[1-9][0-9]{2,8}")) {
                throw ActivityFailure.invalidInput("vmid", "'" + item + "' is not a VMID (100 to 999999999)");
            }
            vmids.add(Integer.valueOf(text));
        }
        if (vmids.isEmpty()) {
            throw ActivityFailure.invalidInput("vmid", "a value is required");
        }
        return vmids;
    }

    private static Map<Integer, ClusterResource> guests(PveClient pve, Set<Integer> vmids) {
        Map<Integer, ClusterResource> found = new LinkedHashMap<>();
        for (ClusterResource resource : pve.cluster().resources(ClusterApi.ResourceType.VM)) {
            if (resource.vmid() != null && vmids.contains(resource.vmid())) {
                found.put(resource.vmid(), resource);
            }
        }
        for (int vmid : vmids) {
            if (!found.containsKey(vmid)) {
                throw new ActivityFailure("PVE_NOT_FOUND", "guest " + vmid + " does not exist (or the token may not see it)");
            }
        }
        return found;
    }

    /** The one node every guest is on; vzdump would skip the others without failing. */
    private static String node(String requested, Map<Integer, ClusterResource> guests) {
        Map<String, List<Integer>> byNode = new TreeMap<>();
        guests.values().forEach(g -> byNode.computeIfAbsent(g.node(), n -> new ArrayList<>()).add(g.vmid()));
        if (byNode.size() > 1 || (requested != null && !byNode.containsKey(requested))) {
            throw ActivityFailure.invalidInput("vmid", "one backup runs on one node, but the guests are on "
                    + byNode + (requested == null ? "" : " (node '" + requested + "' was asked for)")
                    + "; back up each node's guests in its own step");
        }
        return byNode.keySet().iterator().next();
    }

    private static Optional<Upid> runningBackup(PveClient pve, String node, Map<Integer, ClusterResource> guests) {
        if (guests.size() == 1) {
            return ActiveTasks.find(pve, node, "vzdump", guests.keySet().iterator().next());
        }
        boolean allLocked = guests.values().stream().allMatch(g -> "backup".equals(g.lock()));
        return allLocked ? ActiveTasks.find(pve, node, "vzdump", "") : Optional.empty();
    }

    private static Map<String, Object> result(Upid upid, String storage, Set<Integer> vmids) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("upid", upid.value());
        result.put("volid", null);
        result.put("volids", new ArrayList<String>());
        result.put("storage", storage);
        result.put("vmids", new ArrayList<>(vmids));
        return result;
    }
}
