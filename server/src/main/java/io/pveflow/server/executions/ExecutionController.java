package io.pveflow.server.executions;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.pveflow.server.clusters.ClusterService;
import io.pveflow.server.web.InvalidInputException;
import io.pveflow.server.web.NotFoundException;

/** {@code /api/executions}: start, list, inspect and act on runs. Viewers read; operators and admins act. */
@RestController
@RequestMapping("/api/executions")
class ExecutionController {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,99}");
    private static final int MAX_VARIABLES_CHARS = 256 * 1024;

    private final ExecutionStarter starter;
    private final StartableProcesses startable;
    private final ExecutionQueries queries;
    private final ExecutionDetails details;
    private final ExecutionActions actions;
    private final ExecutionRepository executions;
    private final ExecutionEvents events;
    private final ClusterService clusters;
    private final org.flowable.engine.RepositoryService repository;

    ExecutionController(ExecutionStarter starter, StartableProcesses startable, ExecutionQueries queries,
                        ExecutionDetails details, ExecutionActions actions, ExecutionRepository executions,
                        ExecutionEvents events, ClusterService clusters, org.flowable.engine.RepositoryService repository) {
        this.starter = starter;
        this.startable = startable;
        this.queries = queries;
        this.details = details;
        this.actions = actions;
        this.executions = executions;
        this.events = events;
        this.clusters = clusters;
        this.repository = repository;
    }

    record StartBody(String clusterId, String processKey, String businessKey, Map<String, Object> variables) {
    }

    record ReasonBody(String reason) {
    }

    record RetryBody(String jobId, Map<String, Object> variables) {
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    ResponseEntity<StartResult> start(@RequestBody StartBody body, Principal user, HttpServletRequest request) {
        if (body == null || blank(body.clusterId()) || blank(body.processKey())) {
            Map<String, String> errors = new LinkedHashMap<>();
            if (body == null || blank(body.clusterId())) {
                errors.put("clusterId", "required: the cluster the run works on");
            }
            if (body == null || blank(body.processKey())) {
                errors.put("processKey", "required: the process to start");
            }
            throw new InvalidInputException("Cannot start a run", errors);
        }
        clusters.get(body.clusterId());
        Map<String, Object> variables = checkedVariables(body.variables());
        StartResult result = starter.start(new StartRequest(startable.resolve(body.clusterId(), body.processKey()),
                body.clusterId(), body.businessKey(), variables, user.getName(), via(request), null, null));
        return ResponseEntity.status(HttpStatus.CREATED).body(result);
    }

    @GetMapping
    ExecutionQueries.Page list(@RequestParam(required = false) String cluster, @RequestParam(required = false) String process,
                               @RequestParam(required = false) Integer version, @RequestParam(required = false) String status,
                               @RequestParam(required = false) String startedBy, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to, @RequestParam(required = false) String businessKey,
                               @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return queries.list(new ExecutionFilter(emptyToNull(cluster), emptyToNull(process), version,
                blank(status) ? null : ExecutionStatus.parse(status), emptyToNull(startedBy), time("from", from), time("to", to),
                emptyToNull(businessKey), page, size));
    }

    @GetMapping("/{id}")
    ExecutionDetail get(@PathVariable String id) {
        return details.of(summary(id));
    }

    @GetMapping(value = "/{id}/xml", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> xml(@PathVariable String id) throws java.io.IOException {
        ExecutionSummary run = summary(id);
        String resource = repository.getProcessDefinition(run.processDefinitionId()).getResourceName();
        String deployment = repository.getProcessDefinition(run.processDefinitionId()).getDeploymentId();
        try (var in = repository.getResourceAsStream(deployment, resource)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                    .body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id) {
        return events.subscribe(summary(id));
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    ExecutionSummary cancel(@PathVariable String id, @RequestBody(required = false) ReasonBody body, Principal user) {
        actions.cancel(row(id), user.getName(), body == null ? null : body.reason(), false);
        return summary(id);
    }

    @PostMapping("/{id}/kill")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    ExecutionSummary kill(@PathVariable String id, @RequestBody(required = false) ReasonBody body, Principal user) {
        actions.cancel(row(id), user.getName(), body == null ? null : body.reason(), true);
        return summary(id);
    }

    @PostMapping("/{id}/retry")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    ExecutionSummary retry(@PathVariable String id, @RequestBody(required = false) RetryBody body, Principal user) {
        actions.retry(row(id), user.getName(), body == null ? null : emptyToNull(body.jobId()),
                body == null ? null : checkedVariables(body.variables()));
        return summary(id);
    }

    @PostMapping("/{id}/resume")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    ResponseEntity<StartResult> resume(@PathVariable String id, Principal user, HttpServletRequest request) {
        return ResponseEntity.ok(actions.resume(row(id), user.getName(), via(request)));
    }

    @ExceptionHandler(RunRefusedException.class)
    ResponseEntity<Map<String, Object>> refused(RunRefusedException e, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Instant.now());
        body.put("status", 409);
        body.put("error", "Conflict");
        body.put("message", e.getMessage());
        body.put("path", request.getRequestURI());
        body.put("blockingExecutionId", e.blockingExecutionId());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }

    private ExecutionSummary summary(String id) {
        return queries.find(id).orElseThrow(() -> new NotFoundException("No execution '" + id + "'"));
    }

    private ExecutionRow row(String id) {
        return executions.find(id).orElseThrow(() -> new NotFoundException("No execution '" + id + "'"));
    }

    private static Map<String, Object> checkedVariables(Map<String, Object> variables) {
        if (variables == null) {
            return Map.of();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        variables.keySet().stream().filter(name -> !NAME.matcher(name).matches())
                .forEach(name -> errors.put("variables." + name, "a variable name starts with a letter or _ and has at most 100 "
                        + "letters, digits, _, . or -"));
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Invalid start variables", errors);
        }
        if (String.valueOf(variables).length() > MAX_VARIABLES_CHARS) {
            throw new InvalidInputException("Invalid start variables", Map.of("variables", "larger than 256 KB"));
        }
        return variables;
    }

    /** A browser session is the UI; Basic credentials (or none, for a token later) are a script. */
    private static String via(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization == null && request.getSession(false) != null ? "ui" : "api";
    }

    private static Instant time(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("Invalid filter", Map.of(name, "'" + value + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String emptyToNull(String value) {
        return blank(value) ? null : value.trim();
    }
}
