package io.pveflow.server.notifications;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Generic webhook: {@code POST <url>} with a JSON body
 * {@code {id, cluster, notifier, origin, subject, message, sentAt[, event]}}, signed as {@link WebhookSignature}
 * describes, with the delivery id in {@value WebhookSignature#DELIVERY_HEADER}.
 */
@Component
class WebhookChannel implements Channel {

    private final HttpDelivery http;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    WebhookChannel(HttpDelivery http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public NotifierType type() {
        return NotifierType.WEBHOOK;
    }

    @Override
    public void deliver(NotifierTarget target, OutgoingMessage message) throws DeliveryFailure {
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", message.deliveryId());
        body.put("cluster", target.clusterId());
        body.put("notifier", target.name());
        body.put("origin", message.origin());
        body.put("subject", message.subject());
        body.put("message", message.text());
        body.put("sentAt", now.toString());
        if (!message.event().isEmpty()) {
            body.put("event", message.event());
        }
        String text = Json.write(json, body);
        http.send(HttpDelivery.post(URI.create(target.setting("url")), "application/json", text)
                .header(WebhookSignature.HEADER, WebhookSignature.header(target.secret("signingSecret"), now, text))
                .header(WebhookSignature.DELIVERY_HEADER, message.deliveryId()));
    }
}
