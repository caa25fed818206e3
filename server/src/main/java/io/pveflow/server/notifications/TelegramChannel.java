package io.pveflow.server.notifications;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Telegram Bot API: {@code POST <apiUrl>/bot<token>/sendMessage} with {@code chat_id}, {@code text} (subject,
 * blank line, message; cut to Telegram's 4096 characters) and {@code parse_mode} when set. A 429 carries
 * {@code parameters.retry_after}, which is honoured like Retry-After.
 */
@Component
class TelegramChannel implements Channel {

    static final int MAX_TEXT = 4096;

    private final HttpDelivery http;
    private final ObjectMapper json;

    TelegramChannel(HttpDelivery http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public NotifierType type() {
        return NotifierType.TELEGRAM;
    }

    @Override
    public void deliver(NotifierTarget target, OutgoingMessage message) throws DeliveryFailure {
        String text = message.subject() + "\n\n" + message.text();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT - 1) + "…";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", target.setting("chatId"));
        body.put("text", text);
        if (target.setting("parseMode") != null) {
            body.put("parse_mode", target.setting("parseMode"));
        }
        URI uri = URI.create(target.setting("apiUrl") + "/bot" + target.secret("botToken") + "/sendMessage");
        try {
            http.send(HttpDelivery.post(uri, "application/json", Json.write(json, body)));
        } catch (DeliveryFailure failure) {
            throw withTelegramDetails(failure);
        }
    }

    /** Telegram explains errors as {@code {"ok":false,"description":...,"parameters":{"retry_after":n}}}. */
    private DeliveryFailure withTelegramDetails(DeliveryFailure failure) {
        String message = failure.getMessage();
        int json = message.indexOf(": {");
        if (json < 0 || failure.retryAfter() != null) {
            return failure;
        }
        try {
            JsonNode answer = this.json.readTree(message.substring(json + 2));
            JsonNode retryAfter = answer.path("parameters").path("retry_after");
            if (retryAfter.canConvertToInt()) {
                return new DeliveryFailure(message, failure.isTransient(), Duration.ofSeconds(retryAfter.asInt()));
            }
        } catch (Exception notJson) {
            // the excerpt was cut or was not JSON: keep the failure as it is
        }
        return failure;
    }
}
