package io.pveflow.sim.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Writes answers the way pve-http-server does: {@code {"data": ...}} on success; on failure the message in the
 * status line's reason phrase AND in the body ({@code {"data":null,"message":"...\n"}}, pve-http-server 5.2+).
 */
final class Responses {

    static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    static void success(HttpServerExchange ex, Object data, Long total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        if (total != null) {
            body.put("total", total);
        }
        write(ex, 200, null, body);
    }

    static void error(HttpServerExchange ex, int status, String message, Map<String, String> errors) {
        String text = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", null);
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.put("message", text + "\n");
        write(ex, status, reason(text), body);
    }

    /** A reason phrase must be one line of visible ASCII; PVE sends the first line of the message. */
    static String reason(String message) {
        String line = message.split("\n", 2)[0];
        StringBuilder out = new StringBuilder(line.length());
        for (char c : line.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }

    static void write(HttpServerExchange ex, int status, String reason, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            bytes = ("{\"data\":null,\"message\":\"cannot render answer\\n\"}").getBytes(StandardCharsets.UTF_8);
            status = 500;
            reason = "cannot render answer";
        }
        ex.setStatusCode(status);
        if (reason != null) {
            ex.setReasonPhrase(reason);
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json;charset=UTF-8");
        ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
        ex.getResponseSender().send(ByteBuffer.wrap(bytes));
    }
}
