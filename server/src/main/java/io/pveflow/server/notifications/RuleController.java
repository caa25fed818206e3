package io.pveflow.server.notifications;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/clusters/{clusterId}/notification-rules} (admins): notifications on run events, without modelling. */
@RestController
@RequestMapping("/api/clusters/{clusterId}/notification-rules")
@PreAuthorize("hasRole('ADMIN')")
class RuleController {

    private final RuleService rules;

    RuleController(RuleService rules) {
        this.rules = rules;
    }

    @GetMapping
    List<NotificationRule> list(@PathVariable String clusterId) {
        return rules.list(clusterId);
    }

    @GetMapping("/{id}")
    NotificationRule get(@PathVariable String clusterId, @PathVariable String id) {
        return rules.get(clusterId, id);
    }

    @PostMapping
    ResponseEntity<NotificationRule> create(@PathVariable String clusterId, @RequestBody RuleRequest request) {
        NotificationRule created = rules.create(clusterId, request);
        return ResponseEntity.created(URI.create("/api/clusters/" + clusterId + "/notification-rules/" + created.id()))
                .body(created);
    }

    @PutMapping("/{id}")
    NotificationRule update(@PathVariable String clusterId, @PathVariable String id, @RequestBody RuleRequest request) {
        return rules.update(clusterId, id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String clusterId, @PathVariable String id) {
        rules.delete(clusterId, id);
        return ResponseEntity.noContent().build();
    }
}
