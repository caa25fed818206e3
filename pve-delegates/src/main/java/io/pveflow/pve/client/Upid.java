package io.pveflow.pve.client;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Proxmox task id, {@code UPID:node:pid:pstart:starttime:type:id:user:}. The node is where the task runs and
 * so where its status is asked; {@code id} may be empty (a backup of several guests); {@code user} is
 * {@code user@realm!tokenid} when an API token started it.
 */
public record Upid(String value, String node, long pid, long pstart, Instant startTime, String type, String id,
        String user) {

    // Proxmox's own pattern (PVE::Tools::upid_decode), hex fields as they are written
    private static final Pattern UPID = Pattern.compile("^UPID:([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):"
            + "([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):$");

    /** Parses a UPID; an {@link IllegalArgumentException} when the text is not one. */
    public static Upid parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a UPID: null");
        }
        Matcher m = UPID.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a UPID: '" + text + "'");
        }
        return new Upid(text, m.group(1), Long.parseLong(m.group(3), 16), Long.parseLong(m.group(4), 16),
                Instant.ofEpochSecond(Long.parseLong(m.group(5), 16)), m.group(6), m.group(7), m.group(8));
    }

    /** Whether the text is a UPID (Proxmox answers some calls with other strings or null). */
    public static boolean isUpid(String text) {
        return text != null && UPID.matcher(text).matches();
    }

    /** The guest id the task is about, when its id is a number. */
    public Integer vmid() {
        return id.matches("\\d+") ? Integer.valueOf(id) : null;
    }

    @Override
    public String toString() {
        return value;
    }
}
