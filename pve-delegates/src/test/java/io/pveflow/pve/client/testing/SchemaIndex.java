package io.pveflow.pve.client.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Proxmox's schema tree flattened to "METHOD /path/{param}" -> method info. */
public final class SchemaIndex {

    private final Map<String, JsonNode> methods = new LinkedHashMap<>();
    private final List<String> paths = new ArrayList<>();

    public SchemaIndex(JsonNode schema) {
        schema.forEach(this::add);
    }

    private void add(JsonNode node) {
        String path = node.path("path").asText();
        paths.add(path);
        node.path("info").fields().forEachRemaining(e -> methods.put(e.getKey() + " " + path, e.getValue()));
        node.path("children").forEach(this::add);
    }

    /** The method's info ({@code parameters.properties}, {@code returns}, ...), or null. */
    public JsonNode method(String method, String path) {
        return methods.get(method + " " + path);
    }

    public JsonNode parameters(String method, String path) {
        JsonNode info = method(method, path);
        return info == null ? null : info.path("parameters").path("properties");
    }

    /** The schema path template a concrete path matches (literal segments beat parameters), or null. */
    public String template(String concretePath) {
        String[] segments = concretePath.split("/");
        String best = null;
        int bestLiterals = -1;
        for (String candidate : paths) {
            String[] parts = candidate.split("/");
            if (parts.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean ok = true;
            for (int i = 0; i < parts.length && ok; i++) {
                if (parts[i].startsWith("{")) {
                    continue;
                }
                if (parts[i].equals(segments[i])) {
                    literals++;
                } else {
                    ok = false;
                }
            }
            if (ok && literals > bestLiterals) {
                best = candidate;
                bestLiterals = literals;
            }
        }
        return best;
    }
}
