package io.pveflow.pve.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An HA resource ({@code vm:100}, {@code ct:101}) and its requested state. */
public record HaResource(String sid, String type, String state, String comment, String group,
        @JsonProperty("max_restart") Integer maxRestart, @JsonProperty("max_relocate") Integer maxRelocate,
        Boolean failback, String digest) {
}
