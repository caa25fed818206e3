package io.pveflow.server.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log: every user action (cluster and user changes, deployments, starts, task completions, ...) with
 * who, when, what and from where. Written in the caller's transaction, so an action that rolls back leaves no
 * entry; kept in its own table, apart from run history and its cleanup.
 */
@Component
public class AuditLog {

    private static final int MAX_DETAILS = 2000;

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an action by the current user (or "system" outside a request). */
    public void record(String action, String targetType, String targetId, String clusterId, String details) {
        record(currentActor(), action, targetType, targetId, clusterId, details);
    }

    public void record(String actor, String action, String targetType, String targetId, String clusterId, String details) {
        String text = details == null ? null : details.length() > MAX_DETAILS ? details.substring(0, MAX_DETAILS) : details;
        jdbc.sql("INSERT INTO audit_event (id, occurred_at, actor, action, target_type, target_id, cluster_id, remote_addr, details) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID().toString(), Timestamp.from(Instant.now()), actor == null ? "system" : actor, action,
                        targetType, targetId, clusterId == null || clusterId.isEmpty() ? null : clusterId, remoteAddress(), text)
                .update();
    }

    /** Newest first, filtered by whatever is given. */
    public List<AuditEvent> find(String actor, String action, String clusterId, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, occurred_at, actor, action, target_type, target_id, cluster_id, "
                + "remote_addr, details FROM audit_event WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (actor != null) {
            sql.append(" AND actor = ?");
            params.add(actor);
        }
        if (action != null) {
            sql.append(" AND action = ?");
            params.add(action);
        }
        if (clusterId != null) {
            sql.append(" AND cluster_id = ?");
            params.add(clusterId);
        }
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND occurred_at < ?");
            params.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY occurred_at DESC FETCH FIRST ").append(Math.max(1, Math.min(limit, 1000))).append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new AuditEvent(rs.getString("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                        rs.getString("cluster_id"), rs.getString("remote_addr"), rs.getString("details")))
                .list();
    }

    static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
