package io.pveflow.pve.client.validation;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The named string formats this client checks locally. Formats not listed here (calendar events, storage
 * pairs, prune settings, ...) are left to the server: their grammars are large and a mistake here would refuse
 * a request Proxmox accepts, which is worse than a 400 from the server.
 */
final class Formats {

    private static final String LABEL = "[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?";

    private static final Map<String, Pattern> PATTERNS = Map.of(
            "pve-node", Pattern.compile(LABEL),
            "pve-configid", Pattern.compile("[a-zA-Z][a-zA-Z0-9_\\-]+"),
            "pve-storage-id", Pattern.compile("[a-zA-Z][a-zA-Z0-9\\-_.]*[a-zA-Z0-9]"),
            "dns-name", Pattern.compile("(" + LABEL + "\\.)*" + LABEL),
            "pve-poolid", Pattern.compile("[A-Za-z0-9_\\-]+"),
            "pve-ha-resource-or-vm-id", Pattern.compile("((vm|ct):)?[1-9][0-9]{2,8}"),
            "pve-vmid-list", Pattern.compile("[1-9][0-9]{2,8}([,;\\s]+[1-9][0-9]{2,8})*"),
            "CIDR", Pattern.compile("[0-9a-fA-F.:]+/\\d{1,3}"));

    private Formats() {
    }

    /** Null when the value fits the format (or the format is not checked here), else the problem. */
    static String check(String format, String value) {
        Pattern p = PATTERNS.get(format);
        if (p == null || p.matcher(value).matches()) {
            return null;
        }
        return "value '" + value + "' does not have format '" + format + "'";
    }
}
