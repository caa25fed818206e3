package io.pveflow.server.notifications;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Slack incoming webhook: {@code POST <webhook URL>} with {@code {"text": ...}}; the subject in bold. Slack's
 * control characters {@code & < >} are escaped as its message formatting guide asks.
 */
@Component
class SlackChannel implements Channel {

    private final HttpDelivery http;
    private final ObjectMapper json;

    SlackChannel(HttpDelivery http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public NotifierType type() {
        return NotifierType.SLACK;
    }

    @Override
    public void deliver(NotifierTarget target, OutgoingMessage message) throws DeliveryFailure {
        String text = "*" + escape(message.subject()) + "*\n" + escape(message.text());
        String body = Json.write(json, Map.of("text", text));
        http.send(HttpDelivery.post(URI.create(target.secret("webhookUrl")), "application/json", body));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
