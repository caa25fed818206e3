package io.pveflow.server.notifications;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/** Gotify: {@code POST <serverUrl>/message} with {@code X-Gotify-Key: <appToken>} and {@code {title, message, priority}}. */
@Component
class GotifyChannel implements Channel {

    private final HttpDelivery http;
    private final ObjectMapper json;

    GotifyChannel(HttpDelivery http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public NotifierType type() {
        return NotifierType.GOTIFY;
    }

    @Override
    public void deliver(NotifierTarget target, OutgoingMessage message) throws DeliveryFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", message.subject());
        body.put("message", message.text());
        body.put("priority", target.intSetting("priority", 5));
        http.send(HttpDelivery.post(URI.create(target.setting("serverUrl") + "/message"), "application/json",
                Json.write(json, body)).header("X-Gotify-Key", target.secret("appToken")));
    }
}
