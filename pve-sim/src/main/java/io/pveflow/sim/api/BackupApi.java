package io.pveflow.sim.api;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pveflow.sim.auth.AuthException;
import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.GuestType;
import io.pveflow.sim.state.Sizes;
import io.pveflow.sim.state.Storage;
import io.pveflow.sim.state.StoragePool;
import io.pveflow.sim.state.Volume;
import io.pveflow.sim.tasks.TaskFailure;
import io.pveflow.sim.tasks.TaskLog;
import io.pveflow.sim.tasks.TaskWork;

/**
 * {@code vzdump}: backs up the node's own guests onto a backup storage. Every guest is locked
 * ({@code backup}) while the job runs; each archive becomes a {@code backup} volume that takes space.
 * A guest that cannot be backed up makes the job end with {@code job errors}, as in PVE.
 */
final class BackupApi {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd-HH_mm_ss");
    private static final Pattern KEEP_LAST = Pattern.compile("keep-last=(\\d+)");

    private final Simulation sim;
    private final Cluster cluster;

    BackupApi(Simulation sim) {
        this.sim = sim;
        this.cluster = sim.cluster;
    }

    void register(Map<String, EndpointHandler> h) {
        h.put("POST /nodes/{node}/vzdump", this::vzdump);
    }

    private Object vzdump(Call c) {
        String node = c.node();
        String storageId = c.params().string("storage", "local");
        boolean all = c.params().bool("all", false);
        String pool = c.params().string("pool");
        String vmidList = c.params().string("vmid");
        int modes = (all ? 1 : 0) + (pool != null ? 1 : 0) + (vmidList != null ? 1 : 0);
        if (modes > 1) {
            throw ApiException.fail("cannot use more than one of 'vmid', 'all' and 'pool'");
        }
        if (modes == 0) {
            throw io.pveflow.sim.validation.ParameterException.of("vmid",
                    "property is missing and it is not optional");
        }
        Set<Integer> excluded = ids(c.params().string("exclude"));
        String compress = c.params().string("compress", "0");
        String mode = c.params().string("mode", "snapshot");
        String notesTemplate = c.params().string("notes-template");
        boolean isProtected = c.params().bool("protected", false);
        String prune = c.params().string("prune-backups");

        Selection selection = cluster.read(() -> {
            Storage storage = cluster.storage(storageId);
            if (storage == null) {
                throw ApiException.fail("storage '" + storageId + "' does not exist");
            }
            if (!storage.supports("backup")) {
                throw ApiException.fail("can't use storage '" + storageId + "' for backups - wrong content type");
            }
            if (storage.pool(node) == null) {
                throw ApiException.fail("storage '" + storageId + "' is not available on node '" + node + "'");
            }
            List<Guest> chosen = new ArrayList<>();
            List<Integer> external = new ArrayList<>();
            if (all || pool != null) {
                for (Guest g : cluster.guests()) {
                    boolean wanted = all || pool.equals(g.pool());
                    if (wanted && !excluded.contains(g.vmid()) && !g.template()) {
                        if (g.node().equals(node)) {
                            chosen.add(g);
                        } else if (pool != null) {
                            external.add(g.vmid());
                        }
                    }
                }
            } else {
                for (int id : ids(vmidList)) {
                    Guest g = cluster.guest(id);
                    if (g == null) {
                        throw ApiException.fail("unable to find configuration file for VM " + id);
                    }
                    if (g.node().equals(node)) {
                        chosen.add(g);
                    } else {
                        external.add(id);
                    }
                }
            }
            return new Selection(chosen, external);
        });
        // PVE checks every guest and the target storage before the worker starts
        if (!sim.access.has(c.principal(), "/storage/" + storageId, "Datastore.AllocateSpace")) {
            throw AuthException.forbidden("/storage/" + storageId, "Datastore.AllocateSpace");
        }
        for (Guest g : selection.local()) {
            if (!sim.access.guestPrivileges(c.principal(), g.vmid(), g.pool()).contains("VM.Backup")) {
                throw AuthException.forbidden("/vms/" + g.vmid(), "VM.Backup");
            }
        }
        List<Integer> ids = selection.local().stream().map(Guest::vmid).toList();
        String taskId = ids.size() == 1 ? Integer.toString(ids.get(0)) : "";
        return sim.tasks.start(node, "vzdump", taskId, c.user(), new TaskWork() {
            private final List<Integer> locked = new ArrayList<>();
            private final List<String> errors = new ArrayList<>();

            @Override
            public void begin(TaskLog log) {
                log.line("INFO: starting new backup job: vzdump " + describeArgs());
                if (!selection.external().isEmpty()) {
                    log.line("INFO: skip external VMs: " + join(selection.external()));
                }
                for (int id : ids) {
                    Guest g = cluster.guest(id);
                    if (g == null || !g.node().equals(node)) {
                        errors.add("ERROR: Backup of VM " + id + " failed - unable to find configuration file");
                        continue;
                    }
                    if (g.lock() != null) {
                        errors.add("ERROR: Backup of VM " + id + " failed - " + Guests.lockMessage(g));
                        continue;
                    }
                    g.setLock("backup");
                    locked.add(id);
                }
            }

            private String describeArgs() {
                StringBuilder args = new StringBuilder(all ? "--all 1" : pool != null ? "--pool " + pool
                        : String.join(" ", ids.stream().map(String::valueOf).toList()));
                args.append(" --storage ").append(storageId).append(" --mode ").append(mode);
                if (!compress.equals("0")) {
                    args.append(" --compress ").append(compress);
                }
                return args.toString();
            }

            @Override
            public void finish(TaskLog log) {
                Storage storage = cluster.storage(storageId);
                StoragePool target = storage == null ? null : storage.pool(node);
                for (int id : ids) {
                    Guest g = cluster.guest(id);
                    if (!locked.contains(id) || g == null) {
                        continue;
                    }
                    String kind = g.type() == GuestType.QEMU ? "qemu" : "lxc";
                    String when = LocalDateTime.now(ZoneId.systemDefault()).format(STAMP);
                    String ext = (g.type() == GuestType.QEMU ? "vma" : "tar") + extension(compress);
                    String volid = storageId + ":backup/vzdump-" + kind + "-" + id + "-" + when + "." + ext;
                    long size = Math.max(64 * Sizes.MIB, (long) (g.totalDiskBytes() * 0.12));
                    log.line("INFO: Starting Backup of VM " + id + " (" + kind + ")");
                    log.line("INFO: Backup started at " + when.replace('_', '-'));
                    log.line("INFO: status = " + (g.running() ? "running" : "stopped"));
                    log.line("INFO: backup mode: " + mode);
                    log.line("INFO: creating vzdump archive '" + path(storage) + "/dump/vzdump-" + kind + "-" + id
                            + "-" + when + "." + ext + "'");
                    if (target == null || target.avail() < size) {
                        errors.add("ERROR: Backup of VM " + id + " failed - vma_queue_write: write error - No space "
                                + "left on device");
                    } else {
                        String notes = notesTemplate == null ? null : notesTemplate.replace("{{guestname}}", g.name())
                                .replace("{{vmid}}", Integer.toString(id)).replace("{{node}}", node)
                                .replace("{{cluster}}", cluster.name());
                        target.add(new Volume(volid, "backup", ext, size, id, Cluster.now(), notes, isProtected));
                        log.line("INFO: archive file size: " + Sizes.human(size));
                        if (prune != null) {
                            prune(target, id, prune, log);
                        }
                        log.line("INFO: Finished Backup of VM " + id + " (00:00:0"
                                + Math.max(1, sim.timings.taskDuration("vzdump").toSeconds() % 10) + ")");
                    }
                    g.setLock(null);
                }
                locked.clear();
                errors.forEach(log::line);
                if (!errors.isEmpty()) {
                    throw new TaskFailure("job errors");
                }
                log.line("INFO: Backup job finished successfully");
            }

            @Override
            public void abort() {
                for (int id : locked) {
                    Guest g = cluster.guest(id);
                    if (g != null && "backup".equals(g.lock())) {
                        g.setLock(null);
                    }
                }
                locked.clear();
            }
        }).upidText();
    }

    private record Selection(List<Guest> local, List<Integer> external) {
    }

    private static void prune(StoragePool pool, int vmid, String prune, TaskLog log) {
        Matcher m = KEEP_LAST.matcher(prune);
        if (!m.find()) {
            return;
        }
        int keep = Integer.parseInt(m.group(1));
        List<Volume> backups = new ArrayList<>();
        for (Volume v : pool.volumes()) {
            if ("backup".equals(v.content()) && Integer.valueOf(vmid).equals(v.vmid())) {
                backups.add(v);
            }
        }
        backups.sort(Comparator.comparing(Volume::volid).reversed());
        for (int i = keep; i < backups.size(); i++) {
            Volume old = backups.get(i);
            if (!old.isProtected()) {
                pool.remove(old.volid());
                log.line("INFO: removing backup '" + old.volid() + "'");
            }
        }
    }

    private static String extension(String compress) {
        return switch (compress) {
            case "gzip" -> ".gz";
            case "lzo", "1" -> ".lzo";
            case "zstd" -> ".zst";
            default -> "";
        };
    }

    private static String path(Storage storage) {
        return storage == null || storage.path() == null ? "/mnt/pve/backup" : storage.path();
    }

    private static Set<Integer> ids(String list) {
        Set<Integer> ids = new LinkedHashSet<>();
        if (list != null) {
            for (String part : list.split("[,;\\s]+")) {
                if (!part.isBlank()) {
                    ids.add(Integer.parseInt(part.trim()));
                }
            }
        }
        return ids;
    }

    private static String join(List<Integer> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }
}
