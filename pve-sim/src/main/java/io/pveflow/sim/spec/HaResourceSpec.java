package io.pveflow.sim.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An HA resource ({@code sid} such as {@code vm:100} or {@code ct:105}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HaResourceSpec(String sid, String state, Integer maxRestart, Integer maxRelocate, Boolean failback,
        String comment) {
}
