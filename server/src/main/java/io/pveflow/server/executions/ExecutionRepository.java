package io.pveflow.server.executions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code execution} and {@code execution_gate} tables. Runs on the engine's Spring-managed connection, so
 * what the engine's event listeners write commits or rolls back with the engine's own work.
 */
@Repository
class ExecutionRepository {

    static final String COLUMNS = "e.id, e.cluster_id, e.process_key, e.process_name, e.process_definition_id, e.version, "
            + "e.business_key, e.started_by, e.started_via, e.state, e.created_at, e.started_at, e.ended_at, e.message, "
            + "e.cancelled_by, e.cancel_reason, e.concurrency_group, e.concurrency_limit, e.exclusive_run, e.resumed_from, e.start_activity_id";

    private final JdbcClient jdbc;

    ExecutionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ExecutionRow row, String queuedVariables) {
        jdbc.sql("INSERT INTO execution (id, cluster_id, process_key, process_name, process_definition_id, version, business_key, "
                        + "started_by, started_via, state, created_at, started_at, concurrency_group, concurrency_limit, "
                        + "exclusive_run, queued_variables, resumed_from, start_activity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.clusterId(), row.processKey(), row.processName(), row.processDefinitionId(), row.version(),
                        row.businessKey(), row.startedBy(), row.startedVia(), row.state(), ts(row.createdAt()), ts(row.startedAt()),
                        row.concurrencyGroup(), row.concurrencyLimit(), row.exclusive(), queuedVariables, row.resumedFrom(), row.startActivityId())
                .update();
    }

    Optional<ExecutionRow> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM execution e WHERE e.id = ?").param(id).query(ExecutionRepository::row).optional();
    }

    /** Creates the cluster's gate row if it is missing; true when it exists afterwards (even if another node made it). */
    boolean createGate(String clusterId) {
        try {
            jdbc.sql("INSERT INTO execution_gate (cluster_id) VALUES (?)").param(clusterId).update();
        } catch (DuplicateKeyException raced) {
            // another start created it first: fine
        }
        return true;
    }

    /** Locks the cluster's gate row until the transaction ends; false when the row does not exist yet. */
    boolean lockGate(String clusterId) {
        return !jdbc.sql("SELECT cluster_id FROM execution_gate WHERE cluster_id = ? FOR UPDATE").param(clusterId)
                .query((rs, n) -> rs.getString(1)).list().isEmpty();
    }

    /** Runs of the cluster that hold a slot: active ones (running, waiting or failed but not ended). */
    List<ExecutionRow> activeInCluster(String clusterId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM execution e WHERE e.cluster_id = ? AND e.state = 'active' ORDER BY e.created_at, e.id")
                .param(clusterId).query(ExecutionRepository::row).list();
    }

    List<ExecutionRow> queuedInCluster(String clusterId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM execution e WHERE e.cluster_id = ? AND e.state = 'queued' ORDER BY e.created_at, e.id")
                .param(clusterId).query(ExecutionRepository::row).list();
    }

    /** Clusters with queued runs, for the periodic hand-over sweep. */
    List<String> clustersWithQueue() {
        return jdbc.sql("SELECT DISTINCT cluster_id FROM execution WHERE state = 'queued'").query((rs, n) -> rs.getString(1)).list();
    }

    String queuedVariables(String id) {
        return jdbc.sql("SELECT queued_variables FROM execution WHERE id = ?").param(id).query(String.class).optional().orElse(null);
    }

    /** A queued run gets its slot: the caller starts its process instance in the same transaction. */
    boolean markStarted(String id, Instant at) {
        return jdbc.sql("UPDATE execution SET state = 'active', started_at = ?, queued_variables = NULL WHERE id = ? AND state = 'queued'")
                .params(ts(at), id).update() == 1;
    }

    /** Ends an active or queued run once; later events for an ended run change nothing. */
    boolean markEnded(String id, String state, Instant at, String message, Instant expiresAt) {
        return jdbc.sql("UPDATE execution SET state = ?, ended_at = ?, message = COALESCE(?, message), expires_at = ?, "
                        + "queued_variables = NULL WHERE id = ? AND state IN ('active', 'queued')")
                .params(state, ts(at), message, ts(expiresAt), id).update() == 1;
    }

    void recordCancellation(String id, String by, String reason) {
        jdbc.sql("UPDATE execution SET cancelled_by = ?, cancel_reason = ? WHERE id = ?").params(by, reason, id).update();
    }

    /** Expired history, oldest first. */
    List<String> expired(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM execution WHERE expires_at < ? ORDER BY expires_at FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .param(ts(now)).query((rs, n) -> rs.getString(1)).list();
    }

    int delete(List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        jdbc.sql("DELETE FROM pve_task_run WHERE run_id IN (:ids)").param("ids", ids).update();
        return jdbc.sql("DELETE FROM execution WHERE id IN (:ids)").param("ids", ids).update();
    }

    static ExecutionRow row(ResultSet rs, int n) throws SQLException {
        int limitValue = rs.getInt("concurrency_limit");
        Integer limit = rs.wasNull() ? null : limitValue;
        return new ExecutionRow(rs.getString("id"), rs.getString("cluster_id"), rs.getString("process_key"),
                rs.getString("process_name"), rs.getString("process_definition_id"), rs.getInt("version"),
                rs.getString("business_key"), rs.getString("started_by"), rs.getString("started_via"), rs.getString("state"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "ended_at"), rs.getString("message"),
                rs.getString("cancelled_by"), rs.getString("cancel_reason"), rs.getString("concurrency_group"),
                limit, rs.getBoolean("exclusive_run"), rs.getString("resumed_from"), rs.getString("start_activity_id"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
