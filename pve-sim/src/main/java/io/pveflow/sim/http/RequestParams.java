package io.pveflow.sim.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.sim.api.ApiException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Request parameters from the query string and, for POST/PUT, the body: form-encoded or JSON (when the client
 * says {@code application/json}). JSON values keep their types (a JSON {@code true} is a valid boolean; a
 * form {@code true} is not).
 */
final class RequestParams {

    private RequestParams() {
    }

    static Map<String, List<Object>> read(HttpServerExchange ex, byte[] body) {
        Map<String, List<Object>> params = new LinkedHashMap<>();
        for (Map.Entry<String, Deque<String>> q : ex.getQueryParameters().entrySet()) {
            params.computeIfAbsent(q.getKey(), k -> new ArrayList<>()).addAll(q.getValue());
        }
        if (body.length == 0) {
            return params;
        }
        String contentType = ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType != null && contentType.toLowerCase().startsWith("application/json")) {
            readJson(text, params);
        } else {
            readForm(text, params);
        }
        return params;
    }

    private static void readJson(String text, Map<String, List<Object>> params) {
        JsonNode root;
        try {
            root = Responses.JSON.readTree(text);
        } catch (IOException e) {
            throw new ApiException(400, "malformed JSON body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "JSON body must be an object");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            List<Object> values = new ArrayList<>();
            if (v.isNull()) {
                continue;
            } else if (v.isBoolean()) {
                values.add(v.booleanValue());
            } else if (v.isArray()) {
                List<Object> items = new ArrayList<>();
                v.forEach(i -> items.add(i.isValueNode() ? i.asText() : i.toString()));
                values.add(items);
            } else if (v.isObject()) {
                values.add(Map.of());
            } else {
                values.add(v.asText());
            }
            params.put(f.getKey(), values);
        }
    }

    private static void readForm(String text, Map<String, List<Object>> params) {
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    static byte[] body(HttpServerExchange ex) throws IOException {
        try (InputStream in = ex.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** Whether the request carries a body (PVE refuses one on GET). */
    static boolean hasBody(HttpServerExchange ex) {
        String length = ex.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) > 0;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return ex.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    }

    /** Decodes %XX only: a ticket's base64 may contain '+', which must stay a '+'. */
    static String percentDecode(String value) {
        if (value == null || value.indexOf('%') < 0) {
            return value;
        }
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
