package io.pveflow.server.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores notifiers. Secrets are stored and read only as ciphertexts, per field. */
@Repository
class NotifierRepository {

    private static final String COLUMNS = "cluster_id, name, type, description, enabled, settings_json, secrets_json, "
            + "created_at, created_by, updated_at, updated_by, version";
    private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    NotifierRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A stored row: the notifier and its encrypted secrets (field -> ciphertext). */
    record Stored(Notifier notifier, Map<String, String> encryptedSecrets) {
        @Override
        public String toString() {
            return "Stored[" + notifier + ", secrets=" + encryptedSecrets.keySet() + "]";
        }
    }

    List<Notifier> findAll(String clusterId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notifier WHERE cluster_id = ? ORDER BY name")
                .param(clusterId).query((rs, n) -> map(rs).notifier()).list();
    }

    Optional<Stored> find(String clusterId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notifier WHERE cluster_id = ? AND name = ?")
                .params(clusterId, name).query((rs, n) -> map(rs)).optional();
    }

    void insert(Notifier notifier, Map<String, String> encryptedSecrets) {
        jdbc.sql("INSERT INTO notifier (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(notifier.clusterId(), notifier.name(), notifier.type().name(), notifier.description(),
                        notifier.enabled(), write(notifier.settings()), write(encryptedSecrets),
                        Timestamp.from(notifier.createdAt()), notifier.createdBy(),
                        Timestamp.from(notifier.updatedAt()), notifier.updatedBy(), notifier.version())
                .update();
    }

    /** Updates when the stored version is still {@code expectedVersion}; false when someone else changed it. */
    boolean update(Notifier notifier, Map<String, String> encryptedSecrets, long expectedVersion) {
        return jdbc.sql("UPDATE notifier SET description = ?, enabled = ?, settings_json = ?, secrets_json = ?, "
                        + "updated_at = ?, updated_by = ?, version = ? WHERE cluster_id = ? AND name = ? AND version = ?")
                .params(notifier.description(), notifier.enabled(), write(notifier.settings()), write(encryptedSecrets),
                        Timestamp.from(notifier.updatedAt()), notifier.updatedBy(), notifier.version(),
                        notifier.clusterId(), notifier.name(), expectedVersion)
                .update() > 0;
    }

    boolean delete(String clusterId, String name) {
        return jdbc.sql("DELETE FROM notifier WHERE cluster_id = ? AND name = ?").params(clusterId, name).update() > 0;
    }

    private Stored map(ResultSet rs) throws SQLException {
        Map<String, String> secrets = read(rs.getString("secrets_json"), SECRETS);
        Notifier notifier = new Notifier(
                rs.getString("cluster_id"),
                rs.getString("name"),
                NotifierType.valueOf(rs.getString("type")),
                rs.getString("description"),
                rs.getBoolean("enabled"),
                read(rs.getString("settings_json"), SETTINGS),
                secrets.keySet(),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "updated_at"),
                rs.getString("updated_by"),
                rs.getLong("version"));
        return new Stored(notifier, secrets);
    }

    private String write(Map<String, ?> value) {
        try {
            return json.writeValueAsString(new LinkedHashMap<>(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write notifier settings as JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored notifier settings are not valid JSON", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
