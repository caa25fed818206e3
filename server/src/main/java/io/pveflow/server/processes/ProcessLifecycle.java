package io.pveflow.server.processes;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.common.engine.impl.util.io.BytesStreamSource;
import org.flowable.common.engine.api.FlowableIllegalArgumentException;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.DeploymentBuilder;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.pveflow.server.approvals.DeployedForms;
import io.pveflow.server.audit.AuditLog;
import io.pveflow.server.clusters.ClusterService;
import io.pveflow.server.deployments.DeploymentGuard;
import io.pveflow.server.deployments.DeploymentLimits;
import io.pveflow.server.deployments.DeploymentProblem;
import io.pveflow.server.deployments.DeploymentRefusedException;
import io.pveflow.server.expressions.ProcessBeans;
import io.pveflow.server.web.ConflictException;
import io.pveflow.server.web.NotFoundException;

/**
 * The lifecycle of a cluster's processes: drafts saved without deploying, publishing through the deployment guard
 * (and the lint rules) into the cluster's tenant, the current version new runs start, archiving, export and import.
 * Every change is audited in its own transaction. A cluster that does not exist is a 404 before anything else.
 */
@Service
class ProcessLifecycle {

    static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,254}");
    /** A burst of saves by one user (the modeler saves often) is one audit entry per minute. */
    private static final Duration DRAFT_AUDIT_INTERVAL = Duration.ofMinutes(1);

    private final ProcessRegistry registry;
    private final EngineVersions versions;
    private final RepositoryService repository;
    private final DeploymentGuard guard;
    private final DeploymentLimits limits;
    private final ProcessBeans beans;
    private final ClusterService clusters;
    private final AuditLog audit;
    private final CurrentVersions currentVersions;
    private final Clock clock = Clock.systemUTC();

    ProcessLifecycle(ProcessRegistry registry, EngineVersions versions, RepositoryService repository, DeploymentGuard guard,
                   DeploymentLimits limits, ProcessBeans beans, ClusterService clusters, AuditLog audit,
                   CurrentVersions currentVersions) {
        this.currentVersions = currentVersions;
        this.registry = registry;
        this.versions = versions;
        this.repository = repository;
        this.guard = guard;
        this.limits = limits;
        this.beans = beans;
        this.clusters = clusters;
        this.audit = audit;
    }

    // ---- reading

    @Transactional(readOnly = true)
    public List<ProcessViews.Summary> list(String clusterId) {
        requireCluster(clusterId);
        Map<String, ProcessRegistry.Entry> entries = registry.entries(clusterId).stream()
                .collect(Collectors.toMap(ProcessRegistry.Entry::key, Function.identity()));
        Map<String, ProcessRegistry.Draft> drafts = registry.draftsWithoutXml(clusterId).stream()
                .collect(Collectors.toMap(ProcessRegistry.Draft::key, Function.identity()));
        Map<String, ProcessDefinition> latest = versions.latestOfCluster(clusterId).stream()
                .collect(Collectors.toMap(ProcessDefinition::getKey, Function.identity()));
        Map<String, ProcessRegistry.Published> published = registry.latestPublished(clusterId).stream()
                .collect(Collectors.toMap(ProcessRegistry.Published::key, Function.identity()));
        Map<String, Deployment> deployments = versions.deployments(latest.values().stream()
                .map(ProcessDefinition::getDeploymentId).toList());
        TreeMap<String, ProcessViews.Summary> summaries = new TreeMap<>();
        for (String key : union(entries.keySet(), latest.keySet())) {
            ProcessRegistry.Entry entry = entries.get(key);
            ProcessDefinition newest = latest.get(key);
            Integer current = entry == null || entry.currentDefinitionId() == null
                    ? (newest == null ? null : newest.getVersion())
                    : versions.byId(clusterId, entry.currentDefinitionId()).map(ProcessDefinition::getVersion).orElse(null);
            summaries.put(key, summary(key, entry, newest, current, drafts.get(key), published.get(key),
                    newest == null ? null : deployments.get(newest.getDeploymentId())));
        }
        return List.copyOf(summaries.values());
    }

    @Transactional(readOnly = true)
    public ProcessViews.Details get(String clusterId, String key) {
        requireCluster(clusterId);
        return details(clusterId, key);
    }

    /** The draft, or (revision 0) the current version's document when the process has no draft. */
    @Transactional(readOnly = true)
    public ProcessViews.Draft draft(String clusterId, String key) {
        requireCluster(clusterId);
        Optional<ProcessRegistry.Draft> draft = registry.draft(clusterId, key);
        if (draft.isPresent()) {
            return view(draft.get());
        }
        ProcessDefinition current = currentOfCluster(clusterId, key)
                .orElseThrow(() -> new NotFoundException(notFoundMessage(clusterId, key)));
        List<ProcessViews.FormInfo> forms = versions.forms(current).keySet().stream()
                .map(id -> new ProcessViews.FormInfo(id, null, null)).toList();
        return new ProcessViews.Draft(key, nameOf(current), versions.xml(current), 0, null, null, current.getVersion(),
                forms);
    }

    /** A form of the draft as JSON text; without a draft, the current version's form (as {@link #draft}). */
    @Transactional(readOnly = true)
    public String draftForm(String clusterId, String key, String formId) {
        requireCluster(clusterId);
        if (registry.draft(clusterId, key).isPresent()) {
            return registry.draftForm(clusterId, key, formId).map(ProcessRegistry.DraftForm::json)
                    .orElseThrow(() -> new NotFoundException("The draft of '" + key + "' has no form '" + formId + "'"));
        }
        ProcessDefinition current = currentOfCluster(clusterId, key)
                .orElseThrow(() -> new NotFoundException(notFoundMessage(clusterId, key)));
        return Optional.ofNullable(versions.forms(current).get(formId)).orElseThrow(() -> new NotFoundException(
                "Process '" + key + "' has no draft and its version " + current.getVersion() + " has no form '" + formId + "'"));
    }

    @Transactional(readOnly = true)
    public String exportForm(String clusterId, String key, int version, String formId) {
        requireCluster(clusterId);
        return Optional.ofNullable(versions.forms(version(clusterId, key, version)).get(formId))
                .orElseThrow(() -> new NotFoundException("Version " + version + " of '" + key + "' has no form '" + formId + "'"));
    }

    @Transactional(readOnly = true)
    public byte[] exportXml(String clusterId, String key, int version) {
        requireCluster(clusterId);
        return versions.document(version(clusterId, key, version));
    }

    @Transactional(readOnly = true)
    public ProcessViews.StartForm startForm(String clusterId, String key) {
        requireCluster(clusterId);
        // what a run started now would use: the same lookup as the executions' start
        ProcessDefinition definition = currentVersions.currentDefinition(clusterId, key)
                .orElseThrow(() -> new NotFoundException("Process '" + key + "' of cluster '" + clusterId
                        + "' has no published version"));
        BpmnModel model = repository.getBpmnModel(definition.getId());
        return new ProcessViews.StartForm(key, definition.getVersion(), StartForms.inputs(model, definition.getKey()));
    }

    // ---- drafts

    @Transactional
    public ProcessViews.Details create(String clusterId, String key, String name, String xml) {
        requireCluster(clusterId);
        String validKey = validKey(key);
        boolean named = name != null && !name.isBlank();
        String title = named ? name.trim() : validKey;
        String document;
        if (xml == null || xml.isBlank()) {
            document = NewProcess.xml(validKey, title);
        } else {
            checkSize(xml);
            BpmnText.ProcessElement process = BpmnText.runnableProcess("the document", BpmnText.check("the document", xml));
            document = BpmnText.renameProcess(xml, process.id(), validKey);
            if (named) {
                document = BpmnText.renameProcessTitle(document, validKey, title);
            } else if (process.name() != null && !process.name().isBlank()) {
                title = process.name();
            }
        }
        insertNew(clusterId, validKey, title, document);
        audit.record("process-created", "process", validKey, clusterId, "name=" + title);
        return details(clusterId, validKey);
    }

    /**
     * Adds or replaces a form of the draft. The document must be a form the server can validate, with the id the
     * path names. Saving a form does not move the draft's revision (the open BPMN editor keeps saving), but it marks
     * the draft as changed by this user now.
     */
    @Transactional
    public ProcessViews.FormInfo saveDraftForm(String clusterId, String key, String formId, byte[] json) {
        requireCluster(clusterId);
        if (json == null || json.length == 0) {
            throw BpmnText.invalid("form", "is required: a form-js schema");
        }
        long limit = limits.maxDocumentSize().toBytes();
        if (json.length > limit) {
            throw BpmnText.invalid("form", "the form is " + json.length + " bytes; the limit is " + limit
                    + " bytes (pveflow.deployments.max-document-size)");
        }
        String id;
        try {
            id = DeployedForms.formId(json);
        } catch (FlowableIllegalArgumentException unusable) {
            throw BpmnText.invalid("form", unusable.getMessage());
        }
        if (!id.equals(formId)) {
            throw BpmnText.invalid("id", "the form's id '" + id + "' is not '" + formId + "', the id in the path");
        }
        lockOrAdopt(clusterId, key);
        if (registry.draft(clusterId, key).isEmpty()) {
            throw new ConflictException("Process '" + key + "' has no draft: save the draft before its forms");
        }
        String user = currentUser();
        Instant now = clock.instant();
        boolean existed = registry.draftForm(clusterId, key, formId).isPresent();
        registry.putDraftForm(new ProcessRegistry.DraftForm(clusterId, key, formId,
                new String(json, StandardCharsets.UTF_8), now, user));
        audit.record("process-draft-form-saved", "process", key, clusterId, "form=" + formId + (existed ? "" : " (new)"));
        return new ProcessViews.FormInfo(formId, now, user);
    }

    @Transactional
    public void deleteDraftForm(String clusterId, String key, String formId) {
        requireCluster(clusterId);
        lockOrAdopt(clusterId, key);
        if (!registry.deleteDraftForm(clusterId, key, formId)) {
            throw new NotFoundException("The draft of '" + key + "' has no form '" + formId + "'");
        }
        audit.record("process-draft-form-deleted", "process", key, clusterId, "form=" + formId);
    }

    @Transactional
    public ProcessViews.Draft saveDraft(String clusterId, String key, String xml, Long revision) {
        requireCluster(clusterId);
        if (xml == null || xml.isBlank()) {
            throw BpmnText.invalid("xml", "is required");
        }
        if (revision == null) {
            throw BpmnText.invalid("revision", "is required: the revision the draft was loaded at (0 for a new draft)");
        }
        checkSize(xml);
        BpmnText.ProcessElement process = BpmnText.check("the draft", xml).stream().filter(p -> key.equals(p.id()))
                .findFirst().orElseThrow(() -> BpmnText.invalid("xml", "the document has no process with id '" + key
                        + "'; the process id is the process key and cannot change"));
        ProcessRegistry.Entry entry = lockOrAdopt(clusterId, key);
        String name = process.name() == null || process.name().isBlank() ? entry.name() : process.name();
        String user = currentUser();
        Instant now = clock.instant();
        Optional<ProcessRegistry.Draft> existing = registry.draft(clusterId, key);
        long current = existing.map(ProcessRegistry.Draft::revision).orElse(0L);
        if (current != revision) {
            throw staleRevision(key, existing.orElse(null), revision);
        }
        boolean auditIt = existing.isEmpty() || existing.get().lastAuditedAt() == null
                || !user.equals(existing.get().updatedBy())
                || Duration.between(existing.get().lastAuditedAt(), now).compareTo(DRAFT_AUDIT_INTERVAL) >= 0;
        Instant audited = auditIt ? now : existing.get().lastAuditedAt();
        ProcessRegistry.Draft saved = new ProcessRegistry.Draft(clusterId, key, name, xml, current + 1, now, user, audited);
        if (existing.isEmpty()) {
            try {
                registry.insertDraft(saved);
            } catch (DuplicateKeyException raced) {
                throw staleRevision(key, null, revision);
            }
            // the editor started from the current version (revision 0): its forms come along
            currentOfCluster(clusterId, key).ifPresent(base -> copyForms(clusterId, key, versions.forms(base)));
        } else if (!registry.updateDraft(saved, current)) {
            throw staleRevision(key, registry.draft(clusterId, key).orElse(null), revision);
        }
        if (auditIt) {
            audit.record("process-draft-saved", "process", key, clusterId, "revision=" + saved.revision());
        }
        return view(saved);
    }

    /**
     * Drops the draft. A process that was never published is only its draft, so it goes away entirely
     * (process-deleted); a published one keeps its versions (process-draft-deleted).
     */
    @Transactional
    public void deleteDraft(String clusterId, String key) {
        requireCluster(clusterId);
        lockOrAdopt(clusterId, key);
        boolean hadDraft = registry.deleteDraft(clusterId, key);
        if (versions.versions(clusterId, key).isEmpty()) {
            registry.deleteEntry(clusterId, key);
            audit.record("process-deleted", "process", key, clusterId, "never published");
        } else if (hadDraft) {
            audit.record("process-draft-deleted", "process", key, clusterId, null);
        } else {
            throw new NotFoundException("Process '" + key + "' has no draft");
        }
    }

    @Transactional
    public ProcessViews.Draft restoreDraft(String clusterId, String key, int version) {
        requireCluster(clusterId);
        ProcessDefinition definition = version(clusterId, key, version);
        lockOrAdopt(clusterId, key);
        String xml = versions.xml(definition);
        ProcessRegistry.Draft draft = replaceDraft(clusterId, key, nameOf(definition), xml);
        registry.deleteDraftForms(clusterId, key);
        copyForms(clusterId, key, versions.forms(definition));
        audit.record("process-draft-restored", "process", key, clusterId, "version=" + version);
        return view(draft);
    }

    @Transactional
    public ProcessViews.Draft importDocument(String clusterId, String key, String fileName, byte[] document) {
        requireCluster(clusterId);
        String resource = fileName == null || fileName.isBlank() ? "the file" : "'" + fileName + "'";
        if (document == null || document.length == 0) {
            throw BpmnText.invalid("file", "is empty");
        }
        if (document.length > limits.maxDocumentSize().toBytes()) {
            throw BpmnText.invalid("file", resource + " is " + document.length + " bytes; the limit is "
                    + limits.maxDocumentSize().toBytes() + " bytes (pveflow.deployments.max-document-size)");
        }
        String xml = BpmnText.decode(resource, document);
        BpmnText.ProcessElement process = BpmnText.runnableProcess(resource, BpmnText.check(resource, xml));
        String validKey;
        if (key != null && !key.isBlank()) {
            validKey = validKey(key);
        } else if (process.id() != null && KEY.matcher(process.id()).matches()) {
            validKey = process.id();
        } else {
            throw BpmnText.invalid("key", "the process id '" + process.id() + "' cannot be a process key; give ?key=");
        }
        String name = process.name() == null || process.name().isBlank() ? validKey : process.name();
        String draftXml = BpmnText.renameProcess(xml, process.id(), validKey);
        insertNew(clusterId, validKey, name, draftXml);
        audit.record("process-imported", "process", validKey, clusterId, "file=" + fileName
                + (validKey.equals(process.id()) ? "" : " processId=" + process.id()));
        return view(registry.draft(clusterId, validKey).orElseThrow());
    }

    @Transactional
    public ProcessViews.Draft copyFromLibrary(String clusterId, String libraryKey, String key, String name) {
        requireCluster(clusterId);
        if (libraryKey == null || libraryKey.isBlank()) {
            throw BpmnText.invalid("libraryKey", "is required");
        }
        ProcessDefinition template = versions.libraryProcess(libraryKey)
                .orElseThrow(() -> new NotFoundException("The library has no process '" + libraryKey + "'"));
        String validKey = key == null || key.isBlank() ? libraryKey : validKey(key);
        String title = name == null || name.isBlank() ? nameOf(template) : name.trim();
        String xml = BpmnText.renameProcess(versions.xml(template), libraryKey, validKey);
        if (name != null && !name.isBlank()) {
            xml = BpmnText.renameProcessTitle(xml, validKey, title);
        }
        insertNew(clusterId, validKey, title, xml);
        copyForms(clusterId, validKey, versions.forms(template));
        audit.record("process-created", "process", validKey, clusterId, "from library " + libraryKey
                + " version " + template.getVersion());
        return view(registry.draft(clusterId, validKey).orElseThrow());
    }

    // ---- versions

    @Transactional
    public ProcessViews.Published publish(String clusterId, String key, String comment) {
        requireCluster(clusterId);
        ProcessRegistry.Entry entry = lockOrAdopt(clusterId, key);
        ProcessRegistry.Draft draft = registry.draft(clusterId, key)
                .orElseThrow(() -> new ConflictException("Process '" + key + "' has no draft to publish"));
        byte[] document = draft.xml().getBytes(StandardCharsets.UTF_8);
        String resourceName = key + ".bpmn20.xml";
        List<ProcessRegistry.DraftForm> forms = registry.draftForms(clusterId, key);
        List<DeploymentProblem> problems = problems(clusterId, key, document, formIds(forms));
        if (problems.stream().anyMatch(DeploymentProblem::isError)) {
            throw new PublishRefusedException(key, problems);
        }
        Deployment deployment;
        try {
            // the forms go into the same deployment: they are versioned with the process
            DeploymentBuilder builder = repository.createDeployment().name(entry.name()).key(key)
                    .category("pveflow-publish").tenantId(clusterId).addBytes(resourceName, document);
            for (ProcessRegistry.DraftForm form : forms) {
                builder.addBytes(form.formId() + ".form", form.json().getBytes(StandardCharsets.UTF_8));
            }
            deployment = builder.deploy();
        } catch (DeploymentRefusedException refused) {
            throw new PublishRefusedException(key, refused.problems());
        }
        ProcessDefinition definition = repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                .processDefinitionKey(key).singleResult();
        String user = currentUser();
        Instant now = clock.instant();
        String note = comment == null || comment.isBlank() ? null : comment.trim();
        if (note != null && note.length() > 1000) {
            throw BpmnText.invalid("comment", "is longer than 1000 characters");
        }
        registry.insertPublished(new ProcessRegistry.Published(clusterId, key, definition.getVersion(), definition.getId(),
                deployment.getId(), user, now, note));
        registry.makeCurrent(clusterId, key, definition.getId(), definition.getName());
        registry.deleteDraft(clusterId, key);
        audit.record("process-published", "process", key, clusterId, "version=" + definition.getVersion()
                + " definition=" + definition.getId() + (forms.isEmpty() ? "" : " forms=" + formIds(forms).stream().sorted().toList())
                + (note == null ? "" : " comment=" + note));
        return new ProcessViews.Published(key, definition.getVersion(), definition.getId(), deployment.getId(), user, now,
                problems);
    }

    /** What publishing the draft now would report, without publishing: errors and warnings. */
    @Transactional(readOnly = true)
    public List<DeploymentProblem> draftProblems(String clusterId, String key) {
        requireCluster(clusterId);
        ProcessRegistry.Draft draft = registry.draft(clusterId, key)
                .orElseThrow(() -> new NotFoundException("Process '" + key + "' of cluster '" + clusterId + "' has no draft"));
        return problems(clusterId, key, draft.xml().getBytes(StandardCharsets.UTF_8),
                formIds(registry.draftForms(clusterId, key)));
    }

    /** Everything the deployment guard would refuse (with the draft's forms), then the lint rules: every problem at once. */
    private List<DeploymentProblem> problems(String clusterId, String key, byte[] document, Set<String> formIds) {
        List<DeploymentProblem> problems = new ArrayList<>(guard.check(clusterId, key + ".bpmn20.xml", document, formIds));
        problems.addAll(lint(key, document));
        return problems;
    }

    /** The lint problems of a document (none when it cannot even be read: the guard reports that). */
    private List<DeploymentProblem> lint(String key, byte[] document) {
        BpmnModel model;
        try {
            model = new BpmnXMLConverter().convertToBpmnModel(new BytesStreamSource(document), false, true);
        } catch (RuntimeException unreadable) {
            return List.of();
        }
        return ProcessLint.check(model, key, name -> beans.activity(name) != null);
    }

    @Transactional
    public ProcessViews.Details makeCurrent(String clusterId, String key, int version) {
        requireCluster(clusterId);
        ProcessDefinition definition = version(clusterId, key, version);
        lockOrAdopt(clusterId, key);
        registry.makeCurrent(clusterId, key, definition.getId(), null);
        audit.record("process-made-current", "process", key, clusterId, "version=" + version);
        return details(clusterId, key);
    }

    @Transactional
    public ProcessViews.Details archive(String clusterId, String key, boolean archived) {
        requireCluster(clusterId);
        ProcessRegistry.Entry entry = lockOrAdopt(clusterId, key);
        if (entry.archived() != archived) {
            registry.setArchived(clusterId, key, archived, currentUser(), clock.instant());
            audit.record(archived ? "process-archived" : "process-restored", "process", key, clusterId, null);
        }
        return details(clusterId, key);
    }

    // ---- helpers

    private void requireCluster(String clusterId) {
        clusters.get(clusterId); // 404 naming the cluster when it does not exist
    }

    /** The registry entry, locked; a key deployed around the registry (no entry yet) gets one now. */
    private ProcessRegistry.Entry lockOrAdopt(String clusterId, String key) {
        Optional<ProcessRegistry.Entry> entry = registry.lockEntry(clusterId, key);
        if (entry.isPresent()) {
            return entry.get();
        }
        ProcessDefinition latest = versions.latest(clusterId, key)
                .orElseThrow(() -> new NotFoundException(notFoundMessage(clusterId, key)));
        // current stays null: new runs keep starting the latest version until someone makes one current
        ProcessRegistry.Entry adopted = new ProcessRegistry.Entry(clusterId, key, nameOf(latest), null, false, null, null,
                clock.instant(), currentUser());
        try {
            registry.insertEntry(adopted);
        } catch (DuplicateKeyException raced) {
            // another request adopted it first; on PostgreSQL this transaction cannot go on after the failed insert
            throw new ConflictException("Process '" + key + "' was changed by someone else meanwhile; try again");
        }
        return registry.lockEntry(clusterId, key).orElseThrow();
    }

    private static Set<String> formIds(List<ProcessRegistry.DraftForm> forms) {
        return forms.stream().map(ProcessRegistry.DraftForm::formId).collect(Collectors.toSet());
    }

    /** Makes these forms (id to JSON, as a version carries them) forms of the draft. */
    private void copyForms(String clusterId, String key, Map<String, String> forms) {
        String user = currentUser();
        Instant now = clock.instant();
        forms.forEach((id, json) -> registry.putDraftForm(new ProcessRegistry.DraftForm(clusterId, key, id, json, now, user)));
    }

    private void insertNew(String clusterId, String key, String name, String xml) {
        if (registry.entry(clusterId, key).isPresent() || versions.latest(clusterId, key).isPresent()) {
            throw new ConflictException("Cluster '" + clusterId + "' already has a process '" + key + "'");
        }
        Instant now = clock.instant();
        String user = currentUser();
        try {
            registry.insertEntry(new ProcessRegistry.Entry(clusterId, key, name, null, false, null, null, now, user));
            registry.insertDraft(new ProcessRegistry.Draft(clusterId, key, name, xml, 1, now, user, now));
        } catch (DuplicateKeyException raced) {
            throw new ConflictException("Cluster '" + clusterId + "' already has a process '" + key + "'");
        }
    }

    /** Sets the draft to a document whatever its revision (the next revision), so open editors get a 409. */
    private ProcessRegistry.Draft replaceDraft(String clusterId, String key, String name, String xml) {
        Instant now = clock.instant();
        String user = currentUser();
        Optional<ProcessRegistry.Draft> existing = registry.draft(clusterId, key);
        ProcessRegistry.Draft draft = new ProcessRegistry.Draft(clusterId, key, name, xml,
                existing.map(d -> d.revision() + 1).orElse(1L), now, user, now);
        if (existing.isPresent()) {
            registry.updateDraft(draft, existing.get().revision());
        } else {
            registry.insertDraft(draft);
        }
        return draft;
    }

    private Optional<ProcessDefinition> currentOfCluster(String clusterId, String key) {
        Optional<ProcessRegistry.Entry> entry = registry.entry(clusterId, key);
        if (entry.isPresent() && entry.get().currentDefinitionId() != null) {
            return versions.byId(clusterId, entry.get().currentDefinitionId());
        }
        return versions.latest(clusterId, key);
    }

    private ProcessDefinition version(String clusterId, String key, int version) {
        return versions.version(clusterId, key, version).orElseThrow(() -> new NotFoundException("Process '" + key
                + "' of cluster '" + clusterId + "' has no version " + version));
    }

    private ProcessViews.Details details(String clusterId, String key) {
        Optional<ProcessRegistry.Entry> entry = registry.entry(clusterId, key);
        List<ProcessDefinition> deployed = versions.versions(clusterId, key);
        if (entry.isEmpty() && deployed.isEmpty()) {
            throw new NotFoundException(notFoundMessage(clusterId, key));
        }
        Map<Integer, ProcessRegistry.Published> published = new HashMap<>();
        for (ProcessRegistry.Published p : registry.published(clusterId, key)) {
            published.put(p.version(), p);
        }
        Map<String, Deployment> deployments = versions.deployments(deployed.stream().map(ProcessDefinition::getDeploymentId).toList());
        String currentId = entry.map(ProcessRegistry.Entry::currentDefinitionId)
                .orElse(null);
        if (currentId == null && !deployed.isEmpty()) {
            currentId = deployed.get(deployed.size() - 1).getId();
        }
        List<ProcessViews.Version> list = new ArrayList<>();
        for (ProcessDefinition definition : deployed) {
            ProcessRegistry.Published p = published.get(definition.getVersion());
            boolean ours = p != null && p.processDefinitionId().equals(definition.getId());
            Deployment deployment = deployments.get(definition.getDeploymentId());
            list.add(new ProcessViews.Version(definition.getVersion(), definition.getId(), definition.getDeploymentId(),
                    ours ? p.publishedBy() : null,
                    ours ? p.publishedAt() : deployment == null || deployment.getDeploymentTime() == null ? null
                            : deployment.getDeploymentTime().toInstant(),
                    ours ? p.comment() : null, definition.getId().equals(currentId),
                    List.copyOf(versions.forms(definition).keySet())));
        }
        list.sort(Comparator.comparingInt(ProcessViews.Version::version));
        Integer current = null;
        for (ProcessViews.Version v : list) {
            if (v.current()) {
                current = v.version();
            }
        }
        Optional<ProcessRegistry.Draft> draft = registry.draft(clusterId, key);
        ProcessDefinition newest = deployed.isEmpty() ? null : deployed.get(deployed.size() - 1);
        ProcessViews.Summary summary = summary(key, entry.orElse(null), newest, current, draft.orElse(null),
                newest == null ? null : published.get(newest.getVersion()),
                newest == null ? null : deployments.get(newest.getDeploymentId()));
        return new ProcessViews.Details(summary, entry.map(ProcessRegistry.Entry::archivedBy).orElse(null),
                entry.map(ProcessRegistry.Entry::archivedAt).orElse(null), list,
                draft.map(d -> new ProcessViews.DraftInfo(d.updatedAt(), d.updatedBy(), d.revision())).orElse(null));
    }

    private static ProcessViews.Summary summary(String key, ProcessRegistry.Entry entry, ProcessDefinition newest,
                                                Integer currentVersion, ProcessRegistry.Draft draft,
                                                ProcessRegistry.Published published, Deployment newestDeployment) {
        String status = entry != null && entry.archived() ? "archived" : newest == null ? "draft-only" : "active";
        String name = entry != null ? entry.name() : nameOf(newest);
        boolean ours = published != null && newest != null && published.processDefinitionId().equals(newest.getId());
        Instant publishedAt = ours ? published.publishedAt() : newestDeployment == null
                || newestDeployment.getDeploymentTime() == null ? null : newestDeployment.getDeploymentTime().toInstant();
        return new ProcessViews.Summary(key, name, status, currentVersion, newest == null ? null : newest.getVersion(),
                draft != null, draft == null ? null : draft.updatedAt(), draft == null ? null : draft.updatedBy(),
                publishedAt, ours ? published.publishedBy() : null);
    }

    private ProcessViews.Draft view(ProcessRegistry.Draft draft) {
        List<ProcessViews.FormInfo> forms = registry.draftForms(draft.clusterId(), draft.key()).stream()
                .map(f -> new ProcessViews.FormInfo(f.formId(), f.updatedAt(), f.updatedBy())).toList();
        return new ProcessViews.Draft(draft.key(), draft.name(), draft.xml(), draft.revision(), draft.updatedAt(),
                draft.updatedBy(), null, forms);
    }

    private ConflictException staleRevision(String key, ProcessRegistry.Draft current, long given) {
        return new ConflictException("The draft of '" + key + "' was saved by someone else meanwhile (you have revision "
                + given + ", it is at " + (current == null ? 0 : current.revision())
                + (current == null ? "" : ", saved by " + current.updatedBy() + " at " + current.updatedAt())
                + "); reload it before saving");
    }

    private void checkSize(String xml) {
        long size = xml.getBytes(StandardCharsets.UTF_8).length;
        long limit = limits.maxDocumentSize().toBytes();
        if (size > limit) {
            throw BpmnText.invalid("xml", "the document is " + size + " bytes; the limit is " + limit
                    + " bytes (pveflow.deployments.max-document-size)");
        }
    }

    private static String validKey(String key) {
        if (key == null || key.isBlank()) {
            throw BpmnText.invalid("key", "is required");
        }
        if (!KEY.matcher(key).matches()) {
            throw BpmnText.invalid("key", "'" + key + "' is not a process key: a letter or _ first, then letters, digits, "
                    + "_ . or -, at most 255 characters");
        }
        return key;
    }

    private static String nameOf(ProcessDefinition definition) {
        return definition == null ? null : definition.getName() == null || definition.getName().isBlank()
                ? definition.getKey() : definition.getName();
    }

    private static String notFoundMessage(String clusterId, String key) {
        return "Cluster '" + clusterId + "' has no process '" + key + "'";
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
