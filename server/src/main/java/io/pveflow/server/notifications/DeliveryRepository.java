package io.pveflow.server.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of every notification sent: one row per message and notifier, one per attempt. */
@Repository
class DeliveryRepository {

    static final int MAX_ERROR = 2000;
    static final int MAX_SUBJECT = 500;
    private static final String COLUMNS = "id, cluster_id, notifier_name, notifier_type, origin, subject, status, "
            + "attempts, last_error, created_at, updated_at, next_attempt_at, finished_at";

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String clusterId, String notifier, NotifierType type, String origin, String subject,
                DeliveryStatus status, String error, Instant now) {
        boolean finished = status != DeliveryStatus.PENDING;
        jdbc.sql("INSERT INTO notification_delivery (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, NULL, ?)")
                .params(id, clusterId, notifier, type == null ? null : type.name(), origin, cut(subject, MAX_SUBJECT),
                        status.name(), cut(error, MAX_ERROR), Timestamp.from(now), Timestamp.from(now),
                        finished ? Timestamp.from(now) : null)
                .update();
    }

    void recordAttempt(String id, int attempt, Instant started, Instant finished, String outcome, String error) {
        jdbc.sql("INSERT INTO notification_delivery_attempt (delivery_id, attempt, started_at, finished_at, outcome, "
                        + "error) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, attempt, Timestamp.from(started), Timestamp.from(finished), outcome, cut(error, MAX_ERROR))
                .update();
    }

    void update(String id, DeliveryStatus status, int attempts, String lastError, Instant now, Instant nextAttemptAt) {
        boolean finished = status != DeliveryStatus.PENDING;
        jdbc.sql("UPDATE notification_delivery SET status = ?, attempts = ?, last_error = ?, updated_at = ?, "
                        + "next_attempt_at = ?, finished_at = ? WHERE id = ?")
                .params(status.name(), attempts, cut(lastError, MAX_ERROR), Timestamp.from(now),
                        nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt),
                        finished ? Timestamp.from(now) : null, id)
                .update();
    }

    /**
     * Fails deliveries that stopped making progress (their server stopped mid-way): a live delivery records
     * progress at least every {@code cutoff} ago. Answers how many.
     */
    int failAbandoned(Instant cutoff, Instant now, String reason) {
        return jdbc.sql("UPDATE notification_delivery SET status = 'FAILED', last_error = ?, updated_at = ?, "
                        + "next_attempt_at = NULL, finished_at = ? WHERE status = 'PENDING' AND updated_at < ?")
                .params(reason, Timestamp.from(now), Timestamp.from(now), Timestamp.from(cutoff))
                .update();
    }

    List<DeliveryView> list(String clusterId, DeliveryStatus status, String notifier, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM notification_delivery WHERE cluster_id = ?");
        List<Object> params = new ArrayList<>(List.of(clusterId));
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.name());
        }
        if (notifier != null) {
            sql.append(" AND notifier_name = ?");
            params.add(notifier);
        }
        sql.append(" ORDER BY created_at DESC, id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list();
    }

    Optional<DeliveryView> find(String clusterId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_delivery WHERE cluster_id = ? AND id = ?")
                .params(clusterId, id).query((rs, n) -> map(rs)).optional()
                .map(view -> view.withAttempts(attempts(id)));
    }

    private List<DeliveryView.Attempt> attempts(String id) {
        return jdbc.sql("SELECT attempt, started_at, finished_at, outcome, error FROM notification_delivery_attempt "
                        + "WHERE delivery_id = ? ORDER BY attempt")
                .param(id)
                .query((rs, n) -> new DeliveryView.Attempt(rs.getInt("attempt"), instant(rs, "started_at"),
                        instant(rs, "finished_at"), rs.getString("outcome"), rs.getString("error")))
                .list();
    }

    private static DeliveryView map(ResultSet rs) throws SQLException {
        String type = rs.getString("notifier_type");
        return new DeliveryView(rs.getString("id"), rs.getString("cluster_id"), rs.getString("notifier_name"),
                type == null ? null : NotifierType.valueOf(type), rs.getString("origin"), rs.getString("subject"),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "next_attempt_at"),
                instant(rs, "finished_at"), null);
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
