package io.pveflow.server.notifications;

import java.util.Map;

/**
 * One message on its way: the delivery it belongs to (a receiver may use the id to drop duplicates), why it is
 * sent ({@code origin}) and, for rule notifications, the facts of the run event.
 */
record OutgoingMessage(String deliveryId, String clusterId, String subject, String text, String origin,
                       Map<String, Object> event) {

    OutgoingMessage {
        event = event == null ? Map.of() : Map.copyOf(event);
    }
}
