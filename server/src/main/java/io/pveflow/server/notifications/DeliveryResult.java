package io.pveflow.server.notifications;

/**
 * How a delivery ended: {@code delivered} or not, after how many attempts, and the exact error of the last
 * failed attempt (null when delivered at once). The full record is {@code GET .../notifications/{deliveryId}}.
 */
public record DeliveryResult(String deliveryId, boolean delivered, DeliveryStatus status, int attempts, String error) {
}
