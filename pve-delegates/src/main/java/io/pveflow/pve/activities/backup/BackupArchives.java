package io.pveflow.pve.activities.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the archives a finished {@code vzdump} task wrote from its log, as Proxmox prints them: a file on a
 * directory-like storage ({@code creating vzdump archive '/mnt/pve/nas/dump/vzdump-qemu-102-...vma.zst'}, volid
 * {@code nas:backup/vzdump-qemu-102-...vma.zst}) or a snapshot on a Proxmox Backup Server
 * ({@code creating Proxmox Backup Server archive 'vm/102/2025-11-20T01:10:41Z'}, volid
 * {@code pbs:backup/vm/102/2025-11-20T01:10:41Z}). The storage comes from the job's first line
 * ({@code --storage nas}) when the step did not name one.
 */
final class BackupArchives {

    private static final Pattern STORAGE = Pattern.compile("--storage\\s+(\\S+)");
    private static final Pattern FILE = Pattern.compile("creating vzdump archive '([^']+)'");
    private static final Pattern PBS = Pattern.compile("creating Proxmox Backup Server archive '([^']+)'");

    private BackupArchives() {
    }

    /** The volids named in the log lines, in order; empty when the log does not show them (or was cut). */
    static List<String> volids(List<String> log, String storage) {
        String target = storage;
        List<String> volids = new ArrayList<>();
        for (String line : log) {
            Matcher storageArg = STORAGE.matcher(line);
            if (target == null && storageArg.find()) {
                target = storageArg.group(1);
            }
            if (target == null) {
                continue;
            }
            Matcher file = FILE.matcher(line);
            if (file.find()) {
                String path = file.group(1);
                volids.add(target + ":backup/" + path.substring(path.lastIndexOf('/') + 1));
                continue;
            }
            Matcher pbs = PBS.matcher(line);
            if (pbs.find()) {
                volids.add(target + ":backup/" + pbs.group(1));
            }
        }
        return volids;
    }

    /** The storage the job wrote to, from its first line, or null. */
    static String storage(List<String> log) {
        for (String line : log) {
            Matcher m = STORAGE.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
