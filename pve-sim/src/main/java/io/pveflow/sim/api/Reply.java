package io.pveflow.sim.api;

/** A success answer with PVE's extra top-level {@code total} (task log, task lists). */
public record Reply(Object data, long total) {
}
