package io.pveflow.sim.spec;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One ACL entry: privileges (and/or PVE role names such as {@code PVEVMAdmin}) on a path
 * ({@code /}, {@code /vms/100}, {@code /storage/local}, {@code /pool/prod}, {@code /nodes/pve1}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AclSpec(String path, List<String> roles, List<String> privs, Boolean propagate) {

    public AclSpec {
        roles = roles == null ? List.of() : List.copyOf(roles);
        privs = privs == null ? List.of() : List.copyOf(privs);
        propagate = propagate == null || propagate;
    }

    /** Entries starting with an upper-case word without a dot are roles; the others privileges. */
    public static AclSpec of(String path, String... privilegesOrRoles) {
        List<String> roles = new ArrayList<>();
        List<String> privs = new ArrayList<>();
        for (String p : privilegesOrRoles) {
            (p.contains(".") ? privs : roles).add(p);
        }
        return new AclSpec(path, roles, privs, true);
    }
}
