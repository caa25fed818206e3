package io.pveflow.sim.api;

import java.util.List;

import io.pveflow.sim.validation.ParamRule;

/**
 * One API method the simulator serves: HTTP method, path template below {@code /api2/json} (as in PVE's
 * schema, e.g. {@code /nodes/{node}/qemu/{vmid}/status/start}), its parameter rules (path parameters
 * included), who may call it and whether PVE proxies it to {@code {node}} (so an offline node answers 595).
 */
public record Endpoint(String method, String path, List<ParamRule> parameters, Access access, boolean proxied) {

    public Endpoint {
        parameters = List.copyOf(parameters);
    }

    Endpoint withExtra(List<ParamRule> extra) {
        List<ParamRule> all = new java.util.ArrayList<>(parameters);
        all.addAll(extra);
        return new Endpoint(method, path, all, access, proxied);
    }

    public String key() {
        return method + " " + path;
    }
}
