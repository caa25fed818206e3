package io.pveflow.server.notifications;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pveflow.server.clusters.ClusterService;
import io.pveflow.server.web.InvalidInputException;
import io.pveflow.server.web.NotFoundException;

/**
 * {@code /api/clusters/{clusterId}/notifications} (admins): the record of sent notifications, newest first,
 * optionally filtered by {@code status} and {@code notifier}; one delivery with every attempt.
 */
@RestController
@RequestMapping("/api/clusters/{clusterId}/notifications")
@PreAuthorize("hasRole('ADMIN')")
class NotificationController {

    private static final int MAX_LIMIT = 500;

    private final NotificationService notifications;
    private final ClusterService clusters;

    NotificationController(NotificationService notifications, ClusterService clusters) {
        this.notifications = notifications;
        this.clusters = clusters;
    }

    @GetMapping
    List<DeliveryView> list(@PathVariable String clusterId,
                            @RequestParam(required = false) String status,
                            @RequestParam(required = false) String notifier,
                            @RequestParam(defaultValue = "50") String limit) {
        clusters.get(clusterId);
        DeliveryStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = DeliveryStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("Invalid query", Map.of("status",
                        "must be pending, delivered, failed or skipped, got '" + status + "'"));
            }
        }
        int max;
        try {
            max = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1 || max > MAX_LIMIT) {
            throw new InvalidInputException("Invalid query", Map.of("limit", "must be 1 to " + MAX_LIMIT));
        }
        return notifications.deliveries(clusterId, wanted, notifier == null || notifier.isBlank() ? null : notifier, max);
    }

    @GetMapping("/{deliveryId}")
    DeliveryView get(@PathVariable String clusterId, @PathVariable String deliveryId) {
        clusters.get(clusterId);
        return notifications.delivery(clusterId, deliveryId).orElseThrow(() ->
                new NotFoundException("No notification '" + deliveryId + "' in cluster '" + clusterId + "'"));
    }
}
