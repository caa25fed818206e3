package io.pveflow.server.processes;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.pveflow.server.web.NotFoundException;

/** {@code /api/library}: the shared processes (default tenant), read-only templates for every signed-in user. */
@RestController
@RequestMapping("/api/library")
@Tag(name = "Library", description = "The shared process library")
class LibraryController {

    private final EngineVersions versions;

    LibraryController(EngineVersions versions) {
        this.versions = versions;
    }

    @GetMapping
    @Operation(summary = "List the library's processes (newest version of each)")
    List<ProcessViews.LibraryProcess> list() {
        return versions.library().stream().map(LibraryController::view).toList();
    }

    @GetMapping(value = "/{key}/xml", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "A library process's BPMN document")
    ResponseEntity<byte[]> xml(@PathVariable String key) {
        ProcessDefinition definition = versions.libraryProcess(key)
                .orElseThrow(() -> new NotFoundException("The library has no process '" + key + "'"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(key + ".bpmn", StandardCharsets.UTF_8).build().toString())
                .contentType(new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8))
                .body(versions.document(definition));
    }

    private static ProcessViews.LibraryProcess view(ProcessDefinition definition) {
        String description = definition.getDescription() == null ? null
                : definition.getDescription().strip().replaceAll("\\s+", " ");
        return new ProcessViews.LibraryProcess(definition.getKey(),
                definition.getName() == null ? definition.getKey() : definition.getName(), description,
                definition.getVersion());
    }
}
