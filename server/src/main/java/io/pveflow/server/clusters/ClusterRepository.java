package io.pveflow.server.clusters;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores clusters and their endpoints. The token secret is stored and read only in encrypted form. */
@Repository
class ClusterRepository {

    private static final String COLUMNS = "id, display_name, token_id, tls_mode, tls_fingerprint, tls_ca_pem, "
            + "created_at, created_by, updated_at, updated_by, version, simulated, allow_http_task";

    private final JdbcClient jdbc;

    ClusterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Cluster> findAll() {
        Map<String, List<String>> endpoints = allEndpoints();
        return jdbc.sql("SELECT " + COLUMNS + " FROM pve_cluster ORDER BY id")
                .query((rs, n) -> map(rs, endpoints.getOrDefault(rs.getString("id"), List.of())))
                .list();
    }

    Optional<Cluster> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM pve_cluster WHERE id = ?")
                .param(id)
                .query((rs, n) -> map(rs, endpoints(id)))
                .optional();
    }

    boolean exists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM pve_cluster WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    Optional<String> encryptedSecret(String id) {
        return jdbc.sql("SELECT token_secret_enc FROM pve_cluster WHERE id = ?").param(id).query(String.class).optional();
    }

    void insert(Cluster cluster, String encryptedSecret) {
        jdbc.sql("INSERT INTO pve_cluster (id, display_name, token_id, token_secret_enc, tls_mode, tls_fingerprint, "
                        + "tls_ca_pem, created_at, created_by, updated_at, updated_by, version, simulated, "
                        + "allow_http_task) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(cluster.id(), cluster.displayName(), cluster.tokenId(), encryptedSecret,
                        cluster.tls().mode().name(), cluster.tls().fingerprint(), cluster.tls().caPem(),
                        Timestamp.from(cluster.createdAt()), cluster.createdBy(),
                        Timestamp.from(cluster.updatedAt()), cluster.updatedBy(), cluster.version(), cluster.simulated(),
                        cluster.allowHttpTask())
                .update();
        insertEndpoints(cluster.id(), cluster.endpoints());
    }

    /** Updates when the stored version is still {@code expectedVersion}; false when someone else changed it. */
    boolean update(Cluster cluster, String encryptedSecretOrNull, long expectedVersion) {
        int rows = jdbc.sql("UPDATE pve_cluster SET display_name = ?, token_id = ?, "
                        + "token_secret_enc = COALESCE(?, token_secret_enc), tls_mode = ?, tls_fingerprint = ?, "
                        + "tls_ca_pem = ?, updated_at = ?, updated_by = ?, version = ?, allow_http_task = ? "
                        + "WHERE id = ? AND version = ?")
                .params(cluster.displayName(), cluster.tokenId(), encryptedSecretOrNull, cluster.tls().mode().name(),
                        cluster.tls().fingerprint(), cluster.tls().caPem(), Timestamp.from(cluster.updatedAt()),
                        cluster.updatedBy(), cluster.version(), cluster.allowHttpTask(), cluster.id(), expectedVersion)
                .update();
        if (rows == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM pve_cluster_endpoint WHERE cluster_id = ?").param(cluster.id()).update();
        insertEndpoints(cluster.id(), cluster.endpoints());
        return true;
    }

    boolean delete(String id) {
        return jdbc.sql("DELETE FROM pve_cluster WHERE id = ?").param(id).update() > 0;
    }

    private void insertEndpoints(String clusterId, List<String> endpoints) {
        for (int i = 0; i < endpoints.size(); i++) {
            jdbc.sql("INSERT INTO pve_cluster_endpoint (cluster_id, sort_order, url) VALUES (?, ?, ?)")
                    .params(clusterId, i, endpoints.get(i))
                    .update();
        }
    }

    private List<String> endpoints(String clusterId) {
        return jdbc.sql("SELECT url FROM pve_cluster_endpoint WHERE cluster_id = ? ORDER BY sort_order")
                .param(clusterId).query(String.class).list();
    }

    private Map<String, List<String>> allEndpoints() {
        Map<String, List<String>> byCluster = new LinkedHashMap<>();
        jdbc.sql("SELECT cluster_id, url FROM pve_cluster_endpoint ORDER BY cluster_id, sort_order")
                .query(rs -> {
                    byCluster.computeIfAbsent(rs.getString("cluster_id"), k -> new ArrayList<>()).add(rs.getString("url"));
                });
        return byCluster;
    }

    private static Cluster map(ResultSet rs, List<String> endpoints) throws SQLException {
        return new Cluster(
                rs.getString("id"),
                rs.getString("display_name"),
                endpoints,
                rs.getString("token_id"),
                new TlsTrust(TlsMode.valueOf(rs.getString("tls_mode")), rs.getString("tls_fingerprint"),
                        rs.getString("tls_ca_pem")),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "updated_at"),
                rs.getString("updated_by"),
                rs.getLong("version"),
                rs.getBoolean("simulated"),
                rs.getBoolean("allow_http_task"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
