package io.pveflow.pve.client.validation;

import java.util.List;

/** The parameter rules of one API method (path parameters included, as Proxmox's schema lists them). */
public record EndpointRules(String method, String path, List<ParamRule> parameters) {

    public EndpointRules {
        parameters = List.copyOf(parameters);
    }

    public ParamRule parameter(String name) {
        for (ParamRule p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    public String key() {
        return method + " " + path;
    }
}
