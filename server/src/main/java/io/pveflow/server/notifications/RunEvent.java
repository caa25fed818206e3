package io.pveflow.server.notifications;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facts of a run event, taken from the engine while it happens (plain values, usable after the engine's
 * transaction). {@code clusterId} is the run's tenant id; {@code jobId} is set when a job was dead-lettered,
 * and {@code error} once known.
 */
record RunEvent(NotificationEvent type, String clusterId, String processDefinitionKey, String processDefinitionName,
                String processInstanceId, String businessKey, String elementId, String elementName, String jobId,
                String error, Instant at) {

    RunEvent withError(String error) {
        return new RunEvent(type, clusterId, processDefinitionKey, processDefinitionName, processInstanceId,
                businessKey, elementId, elementName, jobId, error, at);
    }

    /** As a webhook body's {@code event} object; absent facts are left out. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type.jsonName());
        putIfSet(map, "processDefinitionKey", processDefinitionKey);
        putIfSet(map, "processDefinitionName", processDefinitionName);
        putIfSet(map, "processInstanceId", processInstanceId);
        putIfSet(map, "businessKey", businessKey);
        putIfSet(map, "elementId", elementId);
        putIfSet(map, "elementName", elementName);
        putIfSet(map, "error", error);
        map.put("at", at.toString());
        return map;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
