package io.pveflow.pve.activity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a Proxmox task ended, handed to the waiting execution (as the local variable {@value #VARIABLE}) when
 * the watcher wakes it.
 *
 * @param upid       the task
 * @param exitStatus {@code OK}, {@code WARNINGS: N}, the error text, or null on timeout
 * @param timedOut   true when the wait's deadline passed first
 * @param log        the last lines of the task's log (bounded)
 */
public record TaskOutcome(String upid, String exitStatus, boolean timedOut, List<String> log) {

    public static final String VARIABLE = "pveTaskOutcome";

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("upid", upid);
        map.put("exitstatus", exitStatus);
        map.put("timedOut", timedOut);
        map.put("log", log);
        return map;
    }

    @SuppressWarnings("unchecked")
    public static TaskOutcome fromMap(Map<String, Object> map) {
        return new TaskOutcome((String) map.get("upid"), (String) map.get("exitstatus"),
                Boolean.TRUE.equals(map.get("timedOut")), (List<String>) map.getOrDefault("log", List.of()));
    }
}
