package io.pveflow.server.users;

import java.util.Set;

/**
 * Adds or changes a user; {@code password} is write-only and optional on change; {@code groups} (optional, kept
 * when absent on change) are the user task candidate groups the user belongs to.
 */
public record UserRequest(String username, String password, Set<Role> roles, Boolean enabled, Set<String> groups) {

    public UserRequest(String username, String password, Set<Role> roles, Boolean enabled) {
        this(username, password, roles, enabled, null);
    }

    @Override
    public String toString() {
        return "UserRequest[username=" + username + ", password=" + (password == null ? "absent" : "***")
                + ", roles=" + roles + ", enabled=" + enabled + ", groups=" + groups + "]";
    }
}
