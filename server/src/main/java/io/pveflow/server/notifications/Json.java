package io.pveflow.server.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON writing for message bodies, where failing to write is a bug, not a delivery problem. */
final class Json {

    private Json() {
    }

    static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a notification body as JSON", e);
        }
    }
}
