package io.pveflow.server.users;

import java.time.Instant;
import java.util.Set;

/** A user as the API shows it; the password hash stays in the database. */
public record UserAccount(String username, boolean enabled, Set<Role> roles, Instant createdAt, Instant updatedAt) {
}
