package io.pveflow.server.users;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users, their BCrypt password hashes and roles. */
@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StoredUser(UserAccount account, String passwordHash) {
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM pveflow_user").query(Long.class).single();
    }

    long countEnabledWithRole(Role role) {
        return jdbc.sql("SELECT COUNT(*) FROM pveflow_user u JOIN pveflow_user_role r ON r.username = u.username "
                        + "WHERE u.enabled = TRUE AND r.role = ?")
                .param(role.name()).query(Long.class).single();
    }

    Optional<StoredUser> find(String username) {
        return jdbc.sql("SELECT username, password_hash, enabled, created_at, updated_at FROM pveflow_user WHERE username = ?")
                .param(username)
                .query((rs, n) -> new StoredUser(new UserAccount(rs.getString("username"), rs.getBoolean("enabled"),
                        roles(rs.getString("username")), groups(rs.getString("username")), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()), rs.getString("password_hash")))
                .optional();
    }

    List<UserAccount> findAll() {
        Map<String, Set<Role>> roles = new LinkedHashMap<>();
        jdbc.sql("SELECT username, role FROM pveflow_user_role").query(rs -> {
            roles.computeIfAbsent(rs.getString("username"), k -> EnumSet.noneOf(Role.class)).add(Role.valueOf(rs.getString("role")));
        });
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        jdbc.sql("SELECT username, group_name FROM pveflow_user_group").query(rs -> {
            groups.computeIfAbsent(rs.getString("username"), k -> new TreeSet<>()).add(rs.getString("group_name"));
        });
        return jdbc.sql("SELECT username, enabled, created_at, updated_at FROM pveflow_user ORDER BY username")
                .query((rs, n) -> new UserAccount(rs.getString("username"), rs.getBoolean("enabled"),
                        roles.getOrDefault(rs.getString("username"), Set.of()),
                        groups.getOrDefault(rs.getString("username"), Set.of()), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    void insert(String username, String passwordHash, boolean enabled, Set<Role> roles, Set<String> groups, Instant now) {
        jdbc.sql("INSERT INTO pveflow_user (username, password_hash, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(username, passwordHash, enabled, Timestamp.from(now), Timestamp.from(now))
                .update();
        insertRoles(username, roles);
        insertGroups(username, groups);
    }

    void update(String username, String passwordHashOrNull, boolean enabled, Set<Role> roles, Set<String> groups, Instant now) {
        jdbc.sql("UPDATE pveflow_user SET password_hash = COALESCE(?, password_hash), enabled = ?, updated_at = ? WHERE username = ?")
                .params(passwordHashOrNull, enabled, Timestamp.from(now), username)
                .update();
        jdbc.sql("DELETE FROM pveflow_user_role WHERE username = ?").param(username).update();
        insertRoles(username, roles);
        jdbc.sql("DELETE FROM pveflow_user_group WHERE username = ?").param(username).update();
        insertGroups(username, groups);
    }

    boolean delete(String username) {
        return jdbc.sql("DELETE FROM pveflow_user WHERE username = ?").param(username).update() > 0;
    }

    private void insertRoles(String username, Set<Role> roles) {
        for (Role role : roles) {
            jdbc.sql("INSERT INTO pveflow_user_role (username, role) VALUES (?, ?)").params(username, role.name()).update();
        }
    }

    private void insertGroups(String username, Set<String> groups) {
        for (String group : groups) {
            jdbc.sql("INSERT INTO pveflow_user_group (username, group_name) VALUES (?, ?)").params(username, group).update();
        }
    }

    Set<String> groups(String username) {
        return new TreeSet<>(jdbc.sql("SELECT group_name FROM pveflow_user_group WHERE username = ?").param(username)
                .query(String.class).list());
    }

    boolean exists(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM pveflow_user WHERE username = ? AND enabled = TRUE").param(username)
                .query(Long.class).single() > 0;
    }

    private Set<Role> roles(String username) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("SELECT role FROM pveflow_user_role WHERE username = ?").param(username)
                .query(String.class).list().forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }
}
