package io.pveflow.server.processes;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.pveflow.server.deployments.DeploymentProblem;

/** What the processes API answers (records serialised as JSON). */
final class ProcessViews {

    private ProcessViews() {
    }

    /** One process of a cluster in a listing; status is active, archived or draft-only. */
    record Summary(String key, String name, String status, Integer currentVersion, Integer latestVersion,
                   boolean hasDraft, Instant draftUpdatedAt, String draftUpdatedBy, Instant publishedAt,
                   String publishedBy) {
    }

    /** A process with its versions and draft. */
    record Details(@JsonUnwrapped Summary summary, String archivedBy, Instant archivedAt, List<Version> versions,
                   DraftInfo draft) {
    }

    /**
     * A deployed version. publishedBy is null for versions deployed around PVEFlow's publish (through
     * {@code /process-api}); publishedAt is then the deployment time.
     */
    record Version(int version, String processDefinitionId, String deploymentId, String publishedBy,
                   Instant publishedAt, String comment, boolean current, List<String> forms) {
    }

    record DraftInfo(Instant updatedAt, String updatedBy, long revision) {
    }

    /**
     * A draft to edit. When a published process has no draft, GET answers the current version's document with
     * revision 0 and basedOnVersion set: saving it with revision 0 starts a new draft.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Draft(String key, String name, String xml, long revision, Instant updatedAt, String updatedBy,
                 Integer basedOnVersion, List<FormInfo> forms) {
    }

    /**
     * A form of a draft (or of the version a revision-0 draft shows: no updatedAt/updatedBy then). Publishing
     * deploys it as {@code <id>.form} beside the BPMN.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FormInfo(String id, Instant updatedAt, String updatedBy) {
    }

    /** A successful publish: the new version and the warnings that did not block it. */
    record Published(String key, int version, String processDefinitionId, String deploymentId, String publishedBy,
                     Instant publishedAt, List<DeploymentProblem> warnings) {
    }

    record LibraryProcess(String key, String name, String description, int version) {
    }

    /** One input of a process's start form. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Input(String name, String label, String type, boolean required,
                 @JsonProperty("default") String defaultValue, List<Option> options, String help) {
    }

    record Option(String value, String label) {
    }

    record StartForm(String key, int version, List<Input> inputs) {
    }
}
