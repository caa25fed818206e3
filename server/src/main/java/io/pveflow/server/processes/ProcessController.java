package io.pveflow.server.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.pveflow.server.deployments.DeploymentProblem;

/**
 * {@code /api/clusters/{clusterId}/processes}: the lifecycle of a cluster's processes. Every signed-in user reads;
 * operators and admins change. A cluster that does not exist is a 404, and nothing of another cluster is reachable.
 */
@RestController
@RequestMapping("/api/clusters/{clusterId}/processes")
@Tag(name = "Processes", description = "Drafts, versions and the current version of a cluster's processes")
class ProcessController {

    private static final String CHANGERS = "hasAnyRole('ADMIN', 'OPERATOR')";

    private final ProcessLifecycle processes;

    ProcessController(ProcessLifecycle processes) {
        this.processes = processes;
    }

    record CreateRequest(String key, String name, String xml) {
    }

    record DraftRequest(String xml, Long revision) {
    }

    record PublishRequest(String comment) {
    }

    record LibraryCopyRequest(String libraryKey, String key, String name) {
    }

    @GetMapping
    @Operation(summary = "List the cluster's processes (registry and deployed keys)")
    List<ProcessViews.Summary> list(@PathVariable String clusterId) {
        return processes.list(clusterId);
    }

    @PostMapping
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Create a process as a draft (an empty executable process unless xml is given)")
    ResponseEntity<ProcessViews.Details> create(@PathVariable String clusterId, @RequestBody CreateRequest request) {
        ProcessViews.Details created = processes.create(clusterId, request.key(), request.name(), request.xml());
        return ResponseEntity.created(location(clusterId, created.summary().key())).body(created);
    }

    @GetMapping("/{key}")
    @Operation(summary = "A process with its versions and draft")
    ProcessViews.Details get(@PathVariable String clusterId, @PathVariable String key) {
        return processes.get(clusterId, key);
    }

    @GetMapping("/{key}/draft")
    @Operation(summary = "The draft (or the current version with revision 0 when there is no draft)")
    ProcessViews.Draft draft(@PathVariable String clusterId, @PathVariable String key) {
        return processes.draft(clusterId, key);
    }

    @PutMapping("/{key}/draft")
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Save the draft without deploying; 409 when the given revision is stale")
    ProcessViews.Draft saveDraft(@PathVariable String clusterId, @PathVariable String key,
                                 @RequestBody DraftRequest request) {
        return processes.saveDraft(clusterId, key, request.xml(), request.revision());
    }

    @GetMapping("/{key}/draft/problems")
    @Operation(summary = "What publishing the draft now would report (errors and warnings), without publishing")
    List<DeploymentProblem> draftProblems(@PathVariable String clusterId, @PathVariable String key) {
        return processes.draftProblems(clusterId, key);
    }

    @DeleteMapping("/{key}/draft")
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Drop the draft (a never-published process goes away with it)")
    ResponseEntity<Void> deleteDraft(@PathVariable String clusterId, @PathVariable String key) {
        processes.deleteDraft(clusterId, key);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(value = "/{key}/draft/forms/{formId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A form of the draft (form-js schema); without a draft, the current version's")
    ResponseEntity<String> draftForm(@PathVariable String clusterId, @PathVariable String key, @PathVariable String formId) {
        return json(processes.draftForm(clusterId, key, formId));
    }

    @PutMapping(value = "/{key}/draft/forms/{formId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Add or replace a form of the draft (a form-js schema whose id is formId)")
    ProcessViews.FormInfo saveDraftForm(@PathVariable String clusterId, @PathVariable String key,
                                        @PathVariable String formId, @RequestBody byte[] form) {
        return processes.saveDraftForm(clusterId, key, formId, form);
    }

    @DeleteMapping("/{key}/draft/forms/{formId}")
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Remove a form from the draft")
    ResponseEntity<Void> deleteDraftForm(@PathVariable String clusterId, @PathVariable String key,
                                         @PathVariable String formId) {
        processes.deleteDraftForm(clusterId, key, formId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(value = "/{key}/versions/{version}/forms/{formId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Export a form deployed with a version")
    ResponseEntity<String> exportForm(@PathVariable String clusterId, @PathVariable String key, @PathVariable int version,
                                      @PathVariable String formId) {
        return json(processes.exportForm(clusterId, key, version, formId));
    }

    @PostMapping("/{key}/publish")
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Deploy the draft as the new current version; 400 listing every problem, nothing deployed")
    ResponseEntity<ProcessViews.Published> publish(@PathVariable String clusterId, @PathVariable String key,
                                                   @RequestBody(required = false) PublishRequest request) {
        ProcessViews.Published published = processes.publish(clusterId, key, request == null ? null : request.comment());
        return ResponseEntity.created(URI.create(location(clusterId, key) + "/versions/" + published.version()))
                .body(published);
    }

    @GetMapping(value = "/{key}/versions/{version}/xml", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "Export a version's BPMN document as deployed")
    ResponseEntity<byte[]> export(@PathVariable String clusterId, @PathVariable String key, @PathVariable int version) {
        byte[] xml = processes.exportXml(clusterId, key, version);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(key + "-v" + version + ".bpmn", StandardCharsets.UTF_8).build().toString())
                .contentType(new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8))
                .body(xml);
    }

    @PostMapping("/{key}/versions/{version}/restore-draft")
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Replace the draft with a version's document")
    ProcessViews.Draft restoreDraft(@PathVariable String clusterId, @PathVariable String key, @PathVariable int version) {
        return processes.restoreDraft(clusterId, key, version);
    }

    @PostMapping("/{key}/versions/{version}/make-current")
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Make a version the one new runs start")
    ProcessViews.Details makeCurrent(@PathVariable String clusterId, @PathVariable String key, @PathVariable int version) {
        return processes.makeCurrent(clusterId, key, version);
    }

    @PostMapping("/{key}/archive")
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Archive: no new runs, running ones go on")
    ProcessViews.Details archive(@PathVariable String clusterId, @PathVariable String key) {
        return processes.archive(clusterId, key, true);
    }

    @PostMapping("/{key}/restore")
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Restore an archived process")
    ProcessViews.Details restore(@PathVariable String clusterId, @PathVariable String key) {
        return processes.archive(clusterId, key, false);
    }

    @PostMapping(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Import a .bpmn file (multipart \"file\") as a draft, kept as written")
    ResponseEntity<ProcessViews.Draft> importFile(@PathVariable String clusterId, @RequestPart("file") MultipartFile file,
                                                  @RequestParam(required = false) String key) {
        try {
            return imported(clusterId, processes.importDocument(clusterId, key, file.getOriginalFilename(), file.getBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PostMapping(value = "/import", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Import a BPMN document (request body) as a draft, kept as written")
    ResponseEntity<ProcessViews.Draft> importBody(@PathVariable String clusterId, @RequestBody byte[] document,
                                                  @RequestParam(required = false) String key) {
        return imported(clusterId, processes.importDocument(clusterId, key, null, document));
    }

    @PostMapping("/from-library")
    @PreAuthorize(CHANGERS)
    @Operation(summary = "Copy a library process into the cluster's drafts")
    ResponseEntity<ProcessViews.Draft> fromLibrary(@PathVariable String clusterId, @RequestBody LibraryCopyRequest request) {
        return imported(clusterId, processes.copyFromLibrary(clusterId, request.libraryKey(), request.key(), request.name()));
    }

    @GetMapping("/{key}/start-form")
    @Operation(summary = "The inputs a run of the current version asks for")
    ProcessViews.StartForm startForm(@PathVariable String clusterId, @PathVariable String key) {
        return processes.startForm(clusterId, key);
    }

    private static ResponseEntity<String> json(String json) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    private static ResponseEntity<ProcessViews.Draft> imported(String clusterId, ProcessViews.Draft draft) {
        return ResponseEntity.created(URI.create(location(clusterId, draft.key()) + "/draft")).body(draft);
    }

    private static URI location(String clusterId, String key) {
        return URI.create("/api/clusters/" + clusterId + "/processes/" + key);
    }
}
