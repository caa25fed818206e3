package io.pveflow.sim.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A storage replication job ({@code id} is {@code GUEST-JOBNUM}). {@code error} makes the job start out
 * failing with that message (fail_count 1).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicationSpec(String id, String target, String schedule, Double rate, String comment,
        Boolean disable, String error) {
}
