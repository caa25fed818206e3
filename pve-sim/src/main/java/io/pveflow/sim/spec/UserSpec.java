package io.pveflow.sim.spec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A user who can log in with a password ({@code POST /access/ticket}); {@code root@pam} may do anything. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserSpec(String userid, String password, List<AclSpec> acl) {

    public UserSpec {
        acl = acl == null ? List.of() : List.copyOf(acl);
    }
}
