package io.pveflow.sim.spec;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An API token {@code USER@REALM!TOKENID} with its secret. With {@code privsep} (the default, as in PVE) the
 * token has only its own {@code acl}; without it, it has its user's privileges.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenSpec(String id, String secret, Boolean privsep, List<AclSpec> acl) {

    public TokenSpec {
        if (id == null || !id.matches("[^@!\\s]+@[^@!\\s]+![A-Za-z][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("token id must look like user@realm!tokenid, got " + id);
        }
        privsep = privsep == null || privsep;
        acl = acl == null ? List.of() : List.copyOf(acl);
    }

    public static TokenSpec of(String id, String secret) {
        return new TokenSpec(id, secret, null, null);
    }

    /** Grants privileges (or role names) on a path, propagating to sub-paths. */
    public TokenSpec allow(String path, String... privilegesOrRoles) {
        List<AclSpec> all = new ArrayList<>(acl);
        all.add(AclSpec.of(path, privilegesOrRoles));
        return new TokenSpec(id, secret, privsep, all);
    }

    public String user() {
        return id.substring(0, id.indexOf('!'));
    }
}
