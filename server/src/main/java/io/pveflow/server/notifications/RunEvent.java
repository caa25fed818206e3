package io.pveflow.server.notifications;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facts of a run event, taken from the engine while it happens (plain values, usable after the engine's
 * transaction). {@code clusterId} is the run's tenant id; {@code jobId} is set when a job was dead-lettered,
 * and {@code error} once known. Approval events also carry the task, a {@code detail} (e.g. the timeout policy
 * applied) and the signed {@code link} that opens the task in the UI.
 */
record RunEvent(NotificationEvent type, String clusterId, String processDefinitionKey, String processDefinitionName,
                String processInstanceId, String businessKey, String elementId, String elementName, String jobId,
                String error, Instant at, String taskId, String detail, String link) {

    RunEvent(NotificationEvent type, String clusterId, String processDefinitionKey, String processDefinitionName,
             String processInstanceId, String businessKey, String elementId, String elementName, String jobId,
             String error, Instant at) {
        this(type, clusterId, processDefinitionKey, processDefinitionName, processInstanceId, businessKey, elementId,
                elementName, jobId, error, at, null, null, null);
    }

    RunEvent withError(String error) {
        return new RunEvent(type, clusterId, processDefinitionKey, processDefinitionName, processInstanceId,
                businessKey, elementId, elementName, jobId, error, at, taskId, detail, link);
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
        putIfSet(map, "taskId", taskId);
        putIfSet(map, "detail", detail);
        putIfSet(map, "link", link);
        map.put("at", at.toString());
        return map;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
