package io.pveflow.server.processes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The process registry, drafts and published versions of each cluster (tables of V30). */
@Repository
class ProcessRegistry {

    /** A process of a cluster as the registry knows it. */
    record Entry(String clusterId, String key, String name, String currentDefinitionId, boolean archived,
                 String archivedBy, Instant archivedAt, Instant createdAt, String createdBy) {
    }

    /** The unpublished working copy of a process. */
    record Draft(String clusterId, String key, String name, String xml, long revision, Instant updatedAt,
                 String updatedBy, Instant lastAuditedAt) {
    }

    /** Who published a version, when and why. */
    record Published(String clusterId, String key, int version, String processDefinitionId, String deploymentId,
                     String publishedBy, Instant publishedAt, String comment) {
    }

    /** A form of a draft: a form-js schema that user tasks name by formKey. */
    record DraftForm(String clusterId, String key, String formId, String json, Instant updatedAt, String updatedBy) {
    }

    private static final String ENTRY = "SELECT cluster_id, process_key, name, current_definition_id, archived, archived_by, "
            + "archived_at, created_at, created_by FROM process_entry";
    private static final String DRAFT = "SELECT cluster_id, process_key, name, xml, revision, updated_at, updated_by, "
            + "last_audited_at FROM process_draft";
    private static final String DRAFT_FORM = "SELECT cluster_id, process_key, form_id, json, updated_at, updated_by "
            + "FROM process_draft_form";
    private static final String PUBLISHED = "SELECT cluster_id, process_key, version, process_definition_id, deployment_id, "
            + "published_by, published_at, comment FROM process_version";

    private final JdbcClient jdbc;

    ProcessRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Entry> entries(String clusterId) {
        return jdbc.sql(ENTRY + " WHERE cluster_id = ? ORDER BY process_key").param(clusterId).query(ProcessRegistry::entry).list();
    }

    Optional<Entry> entry(String clusterId, String key) {
        return jdbc.sql(ENTRY + " WHERE cluster_id = ? AND process_key = ?").params(clusterId, key)
                .query(ProcessRegistry::entry).optional();
    }

    /** Reads the entry and locks its row until the transaction ends, so lifecycle changes of one process queue up. */
    Optional<Entry> lockEntry(String clusterId, String key) {
        return jdbc.sql(ENTRY + " WHERE cluster_id = ? AND process_key = ? FOR UPDATE").params(clusterId, key)
                .query(ProcessRegistry::entry).optional();
    }

    void insertEntry(Entry entry) {
        jdbc.sql("INSERT INTO process_entry (cluster_id, process_key, name, current_definition_id, archived, archived_by, "
                        + "archived_at, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entry.clusterId(), entry.key(), entry.name(), entry.currentDefinitionId(), entry.archived(),
                        entry.archivedBy(), ts(entry.archivedAt()), ts(entry.createdAt()), entry.createdBy())
                .update();
    }

    void makeCurrent(String clusterId, String key, String definitionId, String name) {
        jdbc.sql("UPDATE process_entry SET current_definition_id = ?, name = COALESCE(?, name) WHERE cluster_id = ? AND process_key = ?")
                .params(definitionId, name, clusterId, key).update();
    }

    void setArchived(String clusterId, String key, boolean archived, String by, Instant at) {
        jdbc.sql("UPDATE process_entry SET archived = ?, archived_by = ?, archived_at = ? WHERE cluster_id = ? AND process_key = ?")
                .params(archived, archived ? by : null, archived ? ts(at) : null, clusterId, key).update();
    }

    void deleteEntry(String clusterId, String key) {
        jdbc.sql("DELETE FROM process_entry WHERE cluster_id = ? AND process_key = ?").params(clusterId, key).update();
    }

    /** The cluster's drafts without their documents (xml is empty), for listings. */
    List<Draft> draftsWithoutXml(String clusterId) {
        return jdbc.sql("SELECT cluster_id, process_key, name, '' AS xml, revision, updated_at, updated_by, last_audited_at "
                + "FROM process_draft WHERE cluster_id = ?").param(clusterId).query(ProcessRegistry::draft).list();
    }

    Optional<Draft> draft(String clusterId, String key) {
        return jdbc.sql(DRAFT + " WHERE cluster_id = ? AND process_key = ?").params(clusterId, key)
                .query(ProcessRegistry::draft).optional();
    }

    void insertDraft(Draft draft) {
        jdbc.sql("INSERT INTO process_draft (cluster_id, process_key, name, xml, revision, updated_at, updated_by, "
                        + "last_audited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(draft.clusterId(), draft.key(), draft.name(), draft.xml(), draft.revision(), ts(draft.updatedAt()),
                        draft.updatedBy(), ts(draft.lastAuditedAt()))
                .update();
    }

    /** Replaces the draft when it is still at {@code expectedRevision}; false when someone saved meanwhile. */
    boolean updateDraft(Draft draft, long expectedRevision) {
        return jdbc.sql("UPDATE process_draft SET name = ?, xml = ?, revision = ?, updated_at = ?, updated_by = ?, "
                        + "last_audited_at = ? WHERE cluster_id = ? AND process_key = ? AND revision = ?")
                .params(draft.name(), draft.xml(), draft.revision(), ts(draft.updatedAt()), draft.updatedBy(),
                        ts(draft.lastAuditedAt()), draft.clusterId(), draft.key(), expectedRevision)
                .update() == 1;
    }

    boolean deleteDraft(String clusterId, String key) {
        deleteDraftForms(clusterId, key);
        return jdbc.sql("DELETE FROM process_draft WHERE cluster_id = ? AND process_key = ?").params(clusterId, key).update() > 0;
    }

    /** The draft's forms, ordered by id. */
    List<DraftForm> draftForms(String clusterId, String key) {
        return jdbc.sql(DRAFT_FORM + " WHERE cluster_id = ? AND process_key = ? ORDER BY form_id").params(clusterId, key)
                .query(ProcessRegistry::draftForm).list();
    }

    Optional<DraftForm> draftForm(String clusterId, String key, String formId) {
        return jdbc.sql(DRAFT_FORM + " WHERE cluster_id = ? AND process_key = ? AND form_id = ?")
                .params(clusterId, key, formId).query(ProcessRegistry::draftForm).optional();
    }

    /** Inserts or replaces one form of the draft. */
    void putDraftForm(DraftForm form) {
        int updated = jdbc.sql("UPDATE process_draft_form SET json = ?, updated_at = ?, updated_by = ? "
                        + "WHERE cluster_id = ? AND process_key = ? AND form_id = ?")
                .params(form.json(), ts(form.updatedAt()), form.updatedBy(), form.clusterId(), form.key(), form.formId())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO process_draft_form (cluster_id, process_key, form_id, json, updated_at, updated_by) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(form.clusterId(), form.key(), form.formId(), form.json(), ts(form.updatedAt()), form.updatedBy())
                    .update();
        }
    }

    boolean deleteDraftForm(String clusterId, String key, String formId) {
        return jdbc.sql("DELETE FROM process_draft_form WHERE cluster_id = ? AND process_key = ? AND form_id = ?")
                .params(clusterId, key, formId).update() > 0;
    }

    void deleteDraftForms(String clusterId, String key) {
        jdbc.sql("DELETE FROM process_draft_form WHERE cluster_id = ? AND process_key = ?").params(clusterId, key).update();
    }

    List<Published> published(String clusterId, String key) {
        return jdbc.sql(PUBLISHED + " WHERE cluster_id = ? AND process_key = ? ORDER BY version").params(clusterId, key)
                .query(ProcessRegistry::published).list();
    }

    /** The newest publication of each process of the cluster. */
    List<Published> latestPublished(String clusterId) {
        return jdbc.sql(PUBLISHED + " p WHERE cluster_id = ? AND version = (SELECT MAX(version) FROM process_version q "
                        + "WHERE q.cluster_id = p.cluster_id AND q.process_key = p.process_key)")
                .param(clusterId).query(ProcessRegistry::published).list();
    }

    void insertPublished(Published published) {
        jdbc.sql("INSERT INTO process_version (cluster_id, process_key, version, process_definition_id, deployment_id, "
                        + "published_by, published_at, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(published.clusterId(), published.key(), published.version(), published.processDefinitionId(),
                        published.deploymentId(), published.publishedBy(), ts(published.publishedAt()), published.comment())
                .update();
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        return new Entry(rs.getString("cluster_id"), rs.getString("process_key"), rs.getString("name"),
                rs.getString("current_definition_id"), rs.getBoolean("archived"), rs.getString("archived_by"),
                instant(rs, "archived_at"), instant(rs, "created_at"), rs.getString("created_by"));
    }

    private static Draft draft(ResultSet rs, int n) throws SQLException {
        return new Draft(rs.getString("cluster_id"), rs.getString("process_key"), rs.getString("name"), rs.getString("xml"),
                rs.getLong("revision"), instant(rs, "updated_at"), rs.getString("updated_by"), instant(rs, "last_audited_at"));
    }

    private static DraftForm draftForm(ResultSet rs, int n) throws SQLException {
        return new DraftForm(rs.getString("cluster_id"), rs.getString("process_key"), rs.getString("form_id"),
                rs.getString("json"), instant(rs, "updated_at"), rs.getString("updated_by"));
    }

    private static Published published(ResultSet rs, int n) throws SQLException {
        return new Published(rs.getString("cluster_id"), rs.getString("process_key"), rs.getInt("version"),
                rs.getString("process_definition_id"), rs.getString("deployment_id"), rs.getString("published_by"),
                instant(rs, "published_at"), rs.getString("comment"));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
