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

/**
 * {@code /api/clusters/{clusterId}/notifiers}: every signed-in user may list and read notifiers (to pick one
 * in a process), only admins change them or send a test message. Responses never contain a secret.
 */
@RestController
@RequestMapping("/api/clusters/{clusterId}/notifiers")
class NotifierController {

    private final NotifierService notifiers;
    private final NotificationService notifications;

    NotifierController(NotifierService notifiers, NotificationService notifications) {
        this.notifiers = notifiers;
        this.notifications = notifications;
    }

    @GetMapping
    List<NotifierView> list(@PathVariable String clusterId) {
        return notifiers.list(clusterId).stream().map(NotifierView::of).toList();
    }

    @GetMapping("/{name}")
    NotifierView get(@PathVariable String clusterId, @PathVariable String name) {
        return NotifierView.of(notifiers.get(clusterId, name));
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<NotifierView> create(@PathVariable String clusterId, @RequestBody NotifierRequest request) {
        Notifier created = notifiers.create(clusterId, request);
        return ResponseEntity.created(URI.create("/api/clusters/" + clusterId + "/notifiers/" + created.name()))
                .body(NotifierView.of(created));
    }

    @PutMapping("/{name}")
    @PreAuthorize("hasRole('ADMIN')")
    NotifierView update(@PathVariable String clusterId, @PathVariable String name,
                        @RequestBody NotifierRequest request) {
        return NotifierView.of(notifiers.update(clusterId, name, request));
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> delete(@PathVariable String clusterId, @PathVariable String name) {
        notifiers.delete(clusterId, name);
        return ResponseEntity.noContent().build();
    }

    /** Sends a test message now, one attempt: delivered, or failed with the exact error. */
    @PostMapping("/{name}/test")
    @PreAuthorize("hasRole('ADMIN')")
    DeliveryResult test(@PathVariable String clusterId, @PathVariable String name) {
        return notifications.sendTest(clusterId, name);
    }
}
