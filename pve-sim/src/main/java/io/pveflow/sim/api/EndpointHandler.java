package io.pveflow.sim.api;

/** Serves one endpoint: returns the {@code data} value (or a {@link Reply}), or throws. */
@FunctionalInterface
public interface EndpointHandler {

    Object handle(Call call);
}
