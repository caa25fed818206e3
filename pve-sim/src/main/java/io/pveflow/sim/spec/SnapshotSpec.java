package io.pveflow.sim.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A snapshot that exists at start. Listed oldest first; {@code parent} defaults to the previous one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotSpec(String name, String description, Boolean vmstate, String parent) {
}
