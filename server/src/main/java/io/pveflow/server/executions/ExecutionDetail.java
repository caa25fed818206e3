package io.pveflow.server.executions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One run in full: its summary, steps, incidents, the diagram's state and its variables (secrets masked). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionDetail(@JsonUnwrapped ExecutionSummary summary, List<Step> steps, List<Incident> incidents,
                              Diagram diagram, Map<String, Object> variables) {

    /** An activity instance: what ran, when, with which inputs and outputs, and the Proxmox task it waited on. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String id, String activityId, String name, String type, String activity, String status,
                       Instant startedAt, Instant endedAt, Long durationMs, Map<String, Object> inputs,
                       Map<String, Object> outputs, PveTask pveTask) {
    }

    /** A Proxmox task of a step: its UPID, node, exit status (null while it runs) and the log Proxmox printed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PveTask(String upid, String node, String exitStatus, List<String> log) {
    }

    /** A job that failed: dead (needs a retry) or still being retried by the engine. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Incident(String jobId, String activityId, String message, int retries, boolean dead, Instant createdAt) {
    }

    /** What the diagram marks: element ids completed, active and failed, and instance counts (multi-instance). */
    public record Diagram(String processDefinitionId, List<String> completed, List<String> active, List<String> failed,
                          Map<String, Integer> counts) {
    }
}
