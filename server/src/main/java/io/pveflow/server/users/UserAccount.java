package io.pveflow.server.users;

import java.time.Instant;
import java.util.Set;

/**
 * A user as the API shows it; the password hash stays in the database. {@code groups} are the candidate groups
 * of user tasks this user belongs to (sorted).
 */
public record UserAccount(String username, boolean enabled, Set<Role> roles, Set<String> groups, Instant createdAt,
                          Instant updatedAt) {
}
