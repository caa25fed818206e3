package io.pveflow.server.audit;

import java.time.Instant;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: the audit log for admins, newest first, filtered by actor, action, cluster and time. */
@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    @PreAuthorize("hasRole('ADMIN')")
    List<AuditEvent> find(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                          @RequestParam(required = false) String clusterId, @RequestParam(required = false) Instant from,
                          @RequestParam(required = false) Instant to, @RequestParam(defaultValue = "100") int limit) {
        return audit.find(actor, action, clusterId, from, to, limit);
    }
}
