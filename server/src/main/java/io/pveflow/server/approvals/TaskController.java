package io.pveflow.server.approvals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.flowable.common.engine.api.FlowableForbiddenException;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pveflow.server.users.Role;
import io.pveflow.server.web.ApiError;
import io.pveflow.server.web.InvalidInputException;

/**
 * {@code /api/tasks}: the inbox's API. Any signed-in user sees and acts on the tasks assigned to them or offered
 * to them or their groups, in every cluster; admins see all. Flowable's own task endpoints
 * ({@code /process-api/runtime/tasks}) keep working for scripts, under the same separation of duties.
 */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    /** What {@code POST /{id}/delegate} takes. */
    record DelegateRequest(String user) {
    }

    /** What {@code POST /{id}/complete} takes: the form's values by field key. */
    record CompleteRequest(Map<String, Object> values) {
    }

    private final Inbox inbox;
    private final TaskLinks links;

    TaskController(Inbox inbox, TaskLinks links) {
        this.inbox = inbox;
        this.links = links;
    }

    @GetMapping
    Inbox.Page list(Authentication auth, @RequestParam(required = false) String cluster,
                    @RequestParam(required = false) String assignment,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Map<String, String> errors = new LinkedHashMap<>();
        Inbox.Assignment which = Inbox.Assignment.ANY;
        if (assignment != null && !assignment.isBlank()) {
            try {
                which = Inbox.Assignment.valueOf(assignment.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("assignment", "must be mine, groups or all, got '" + assignment + "'");
            }
            if (which == Inbox.Assignment.ANY) {
                errors.put("assignment", "must be mine, groups or all, got '" + assignment + "'");
            }
        }
        if (page < 0 || page > 100_000) {
            errors.put("page", "must be 0 to 100000");
        }
        if (size < 1 || size > 200) {
            errors.put("size", "must be 1 to 200");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Invalid task query", errors);
        }
        return inbox.list(caller(auth), cluster, which, page, size);
    }

    @GetMapping("/{id}")
    Inbox.Detail get(Authentication auth, @PathVariable String id) {
        return inbox.get(caller(auth), id);
    }

    /** The BPMN XML of the task's process version, for the diagram with the current step. */
    @GetMapping(value = "/{id}/xml", produces = MediaType.APPLICATION_XML_VALUE)
    byte[] xml(Authentication auth, @PathVariable String id) {
        return inbox.xml(caller(auth), id);
    }

    @PostMapping("/{id}/claim")
    TaskView claim(Authentication auth, @PathVariable String id) {
        return inbox.claim(caller(auth), id);
    }

    @PostMapping("/{id}/release")
    TaskView release(Authentication auth, @PathVariable String id) {
        return inbox.release(caller(auth), id);
    }

    @PostMapping("/{id}/delegate")
    TaskView delegate(Authentication auth, @PathVariable String id, @RequestBody DelegateRequest request) {
        return inbox.delegate(caller(auth), id, request == null ? null : request.user());
    }

    @PostMapping("/{id}/complete")
    Map<String, Object> complete(Authentication auth, @PathVariable String id,
                                 @RequestBody(required = false) CompleteRequest request) {
        return inbox.complete(caller(auth), id, request == null ? null : request.values());
    }

    /**
     * Checks a signed link from a message ({@code task}, {@code exp}, {@code sig}): 200 when valid, 410 when
     * expired, 400 when tampered or incomplete. The link grants nothing: the task itself is read with the usual checks.
     */
    @GetMapping("/links/verify")
    ResponseEntity<?> verify(@RequestParam(required = false) String task, @RequestParam(required = false) String exp,
                             @RequestParam(required = false) String sig, HttpServletRequest request) {
        return switch (links.verify(task, exp, sig)) {
            case VALID -> ResponseEntity.ok(Map.of("valid", true, "taskId", task,
                    "expiresAt", Instant.ofEpochSecond(Long.parseLong(exp)).toString()));
            case EXPIRED -> error(HttpStatus.GONE, "The link expired at " + Instant.ofEpochSecond(Long.parseLong(exp))
                    + "; open the task from the inbox", request);
            case INVALID -> error(HttpStatus.BAD_REQUEST, "The link is not valid: its signature does not match "
                    + "(altered or incomplete)", request);
        };
    }

    @ExceptionHandler(TaskForbiddenException.class)
    ResponseEntity<ApiError> forbidden(TaskForbiddenException e, HttpServletRequest request) {
        return error(HttpStatus.FORBIDDEN, e.getMessage(), request);
    }

    /** The engine's own separation-of-duties refusal, should it come first. */
    @ExceptionHandler(FlowableForbiddenException.class)
    ResponseEntity<ApiError> engineForbidden(FlowableForbiddenException e, HttpServletRequest request) {
        return error(HttpStatus.FORBIDDEN, e.getMessage(), request);
    }

    @ExceptionHandler(FlowableObjectNotFoundException.class)
    ResponseEntity<ApiError> gone(FlowableObjectNotFoundException e, HttpServletRequest request) {
        return error(HttpStatus.NOT_FOUND, "The task is no longer open: " + e.getMessage(), request);
    }

    @ExceptionHandler({FlowableOptimisticLockingException.class, org.flowable.common.engine.api.FlowableTaskAlreadyClaimedException.class})
    ResponseEntity<ApiError> raced(RuntimeException e, HttpServletRequest request) {
        return error(HttpStatus.CONFLICT, "Someone else acted on the task at the same time; reload it", request);
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message, HttpServletRequest request) {
        return ResponseEntity.status(status).body(new ApiError(Instant.now(), status.value(), status.getReasonPhrase(),
                message, request.getRequestURI(), Map.of()));
    }

    private Caller caller(Authentication auth) {
        boolean admin = false;
        for (GrantedAuthority authority : auth.getAuthorities()) {
            admin |= Role.ADMIN.authority().equals(authority.getAuthority());
        }
        return inbox.caller(auth.getName(), admin);
    }
}
