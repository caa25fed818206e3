package io.pveflow.server.notifications;

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

/** Stores notification rules and the notifiers each one uses. */
@Repository
class RuleRepository {

    private static final String COLUMNS = "id, cluster_id, event, process_definition_key, enabled, created_at, "
            + "created_by, updated_at, updated_by";

    private final JdbcClient jdbc;

    RuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<NotificationRule> findAll(String clusterId) {
        Map<String, List<String>> targets = targets(clusterId);
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_rule WHERE cluster_id = ? ORDER BY created_at, id")
                .param(clusterId)
                .query((rs, n) -> map(rs, targets.getOrDefault(rs.getString("id"), List.of())))
                .list();
    }

    /** The enabled rules for an event in a cluster, whichever process they are about. */
    List<NotificationRule> enabledFor(String clusterId, NotificationEvent event) {
        return findAll(clusterId).stream().filter(r -> r.enabled() && r.event() == event).toList();
    }

    Optional<NotificationRule> find(String clusterId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_rule WHERE cluster_id = ? AND id = ?")
                .params(clusterId, id)
                .query((rs, n) -> map(rs, targetsOf(id)))
                .optional();
    }

    void insert(NotificationRule rule) {
        jdbc.sql("INSERT INTO notification_rule (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(rule.id(), rule.clusterId(), rule.event().name(), rule.processDefinitionKey(), rule.enabled(),
                        Timestamp.from(rule.createdAt()), rule.createdBy(), Timestamp.from(rule.updatedAt()),
                        rule.updatedBy())
                .update();
        insertTargets(rule);
    }

    void update(NotificationRule rule) {
        jdbc.sql("UPDATE notification_rule SET event = ?, process_definition_key = ?, enabled = ?, updated_at = ?, "
                        + "updated_by = ? WHERE cluster_id = ? AND id = ?")
                .params(rule.event().name(), rule.processDefinitionKey(), rule.enabled(),
                        Timestamp.from(rule.updatedAt()), rule.updatedBy(), rule.clusterId(), rule.id())
                .update();
        jdbc.sql("DELETE FROM notification_rule_notifier WHERE rule_id = ?").param(rule.id()).update();
        insertTargets(rule);
    }

    boolean delete(String clusterId, String id) {
        return jdbc.sql("DELETE FROM notification_rule WHERE cluster_id = ? AND id = ?").params(clusterId, id).update() > 0;
    }

    /** Ids of the rules of a cluster that send through the notifier. */
    List<String> rulesUsing(String clusterId, String notifierName) {
        return jdbc.sql("SELECT r.id FROM notification_rule r JOIN notification_rule_notifier t ON t.rule_id = r.id "
                        + "WHERE r.cluster_id = ? AND t.notifier_name = ? ORDER BY r.id")
                .params(clusterId, notifierName).query(String.class).list();
    }

    private void insertTargets(NotificationRule rule) {
        for (String notifier : rule.notifiers()) {
            jdbc.sql("INSERT INTO notification_rule_notifier (rule_id, notifier_name) VALUES (?, ?)")
                    .params(rule.id(), notifier).update();
        }
    }

    private List<String> targetsOf(String ruleId) {
        return jdbc.sql("SELECT notifier_name FROM notification_rule_notifier WHERE rule_id = ? ORDER BY notifier_name")
                .param(ruleId).query(String.class).list();
    }

    private Map<String, List<String>> targets(String clusterId) {
        Map<String, List<String>> byRule = new LinkedHashMap<>();
        jdbc.sql("SELECT t.rule_id, t.notifier_name FROM notification_rule_notifier t JOIN notification_rule r "
                        + "ON r.id = t.rule_id WHERE r.cluster_id = ? ORDER BY t.rule_id, t.notifier_name")
                .param(clusterId)
                .query(rs -> {
                    byRule.computeIfAbsent(rs.getString("rule_id"), k -> new ArrayList<>()).add(rs.getString("notifier_name"));
                });
        return byRule;
    }

    private static NotificationRule map(ResultSet rs, List<String> notifiers) throws SQLException {
        return new NotificationRule(rs.getString("id"), rs.getString("cluster_id"),
                NotificationEvent.valueOf(rs.getString("event")), rs.getString("process_definition_key"), notifiers,
                rs.getBoolean("enabled"), instant(rs, "created_at"), rs.getString("created_by"),
                instant(rs, "updated_at"), rs.getString("updated_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
