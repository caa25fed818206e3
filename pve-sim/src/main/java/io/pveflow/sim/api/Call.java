package io.pveflow.sim.api;

import io.pveflow.sim.auth.Principal;
import io.pveflow.sim.validation.Params;

/** One authenticated, validated API call on its way to a handler. */
public record Call(Endpoint endpoint, Principal principal, Params params) {

    public String node() {
        return params.string("node");
    }

    public int vmid() {
        return params.integer("vmid");
    }

    /** The UPID user field: {@code user@realm} or {@code user@realm!tokenid}. */
    public String user() {
        return principal.id();
    }
}
