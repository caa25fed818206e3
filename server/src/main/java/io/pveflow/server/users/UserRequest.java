package io.pveflow.server.users;

import java.util.Set;

/** Adds or changes a user; {@code password} is write-only and optional on change. */
public record UserRequest(String username, String password, Set<Role> roles, Boolean enabled) {

    @Override
    public String toString() {
        return "UserRequest[username=" + username + ", password=" + (password == null ? "absent" : "***")
                + ", roles=" + roles + ", enabled=" + enabled + "]";
    }
}
