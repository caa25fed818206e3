package io.pveflow.sim.tasks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task id in PVE's format: {@code UPID:$node:$pid:$pstart:$starttime:$type:$id:$user:} (pid and starttime 8
 * hex digits, pstart 8 or 9, trailing colon, empty id allowed).
 */
public record Upid(String node, long pid, long pstart, long starttime, String type, String id, String user) {

    private static final Pattern FORMAT = Pattern.compile(
            "UPID:([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):"
                    + "([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):");

    public static Upid parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        return new Upid(m.group(1), Long.parseLong(m.group(3), 16), Long.parseLong(m.group(4), 16),
                Long.parseLong(m.group(5), 16), m.group(6), m.group(7), m.group(8));
    }

    @Override
    public String toString() {
        return String.format("UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, pid, pstart, starttime, type, id, user);
    }
}
