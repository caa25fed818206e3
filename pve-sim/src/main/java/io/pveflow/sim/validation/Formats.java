package io.pveflow.sim.validation;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The named string formats PVE's validator knows, for the formats our endpoints use. Each check returns the
 * text PVE dies with, or {@code null} when the value is fine. Property-string formats the simulator does not
 * interpret (machine, prune-backups, fleecing, ...) are accepted as they are.
 */
final class Formats {

    private static final Pattern NODE = Pattern.compile("(?i)[a-z0-9]([a-z0-9\\-]*[a-z0-9])?");
    private static final Pattern VMID = Pattern.compile("[1-9][0-9]{2,8}");
    private static final Pattern CONFIGID = Pattern.compile("(?i)[a-z][a-z0-9_\\-]+");
    private static final Pattern STORAGE_ID = Pattern.compile("(?i)[a-z][a-z0-9\\-_.]*[a-z0-9]");
    private static final Pattern POOL_ID = Pattern.compile("[A-Za-z0-9.\\-_]+");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?i)([a-z0-9]([a-z0-9\\-]*[a-z0-9])?)(\\.([a-z0-9]([a-z0-9\\-]*[a-z0-9])?))*");
    private static final Pattern HA_SID = Pattern.compile("((vm|ct):)?[1-9][0-9]{2,8}");
    private static final Pattern REALM = Pattern.compile("(?i)[a-z][a-z0-9\\-_.]*[a-z0-9]");
    private static final Pattern CIDR = Pattern.compile("[0-9a-fA-F.:]+/\\d{1,3}");
    private static final Set<String> CONTENT = Set.of("images", "rootdir", "vztmpl", "iso", "backup",
            "snippets", "import", "none");
    private static final Set<String> TASK_STATUS = Set.of("ok", "warning", "error", "unknown");

    private static final Map<String, Function<String, String>> CHECKS = Map.ofEntries(
            Map.entry("pve-node", v -> NODE.matcher(v).matches() ? null
                    : "value does not look like a valid node name"),
            Map.entry("pve-vmid", v -> VMID.matcher(v).matches() ? null
                    : "value does not look like a valid VM ID"),
            Map.entry("pve-vmid-list", Formats::vmidList),
            Map.entry("pve-configid", v -> CONFIGID.matcher(v).matches() ? null
                    : "invalid configuration ID '" + v + "'"),
            Map.entry("pve-configid-list", v -> eachOf(v, "[,;\\s]+", "pve-configid")),
            Map.entry("pve-storage-id", v -> STORAGE_ID.matcher(v).matches() ? null
                    : "storage ID '" + v + "' contains illegal characters"),
            Map.entry("pve-poolid", v -> POOL_ID.matcher(v).matches() ? null : "invalid pool ID '" + v + "'"),
            Map.entry("dns-name", v -> DNS_NAME.matcher(v).matches() ? null
                    : "value does not look like a valid DNS name"),
            Map.entry("pve-ha-resource-or-vm-id", v -> HA_SID.matcher(v).matches() ? null
                    : "unable to parse HA resource ID '" + v + "'"),
            Map.entry("pve-realm", v -> REALM.matcher(v).matches() ? null
                    : "value does not look like a valid realm"),
            Map.entry("CIDR", v -> CIDR.matcher(v).matches() ? null
                    : "value does not look like a valid CIDR network"),
            Map.entry("pve-storage-content", v -> CONTENT.contains(v) ? null
                    : "invalid content type '" + v + "'"),
            Map.entry("pve-storage-content-list", v -> eachOf(v, "[,;\\s]+", "pve-storage-content")),
            Map.entry("pve-task-status-type-list", v -> {
                for (String s : v.split("[,;\\s]+")) {
                    if (!s.isEmpty() && !TASK_STATUS.contains(s)) {
                        return "invalid task status type '" + s + "'";
                    }
                }
                return null;
            }));

    private Formats() {
    }

    /** PVE's text for a value that breaks the format, or {@code null}. */
    static String check(String format, String value) {
        Function<String, String> check = CHECKS.get(format);
        return check == null ? null : check.apply(value);
    }

    private static String vmidList(String value) {
        for (String part : value.split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!VMID.matcher(part).matches()) {
                return "value does not look like a valid VM ID";
            }
        }
        return null;
    }

    private static String eachOf(String value, String separator, String format) {
        for (String part : value.split(separator)) {
            if (!part.isEmpty()) {
                String error = check(format, part);
                if (error != null) {
                    return error;
                }
            }
        }
        return null;
    }
}
