package io.pveflow.server.executions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides values whose names say they are secret (password, secret, token, api key, credential, private key)
 * wherever a run's data is shown, nested maps and lists included.
 */
final class SecretMask {

    static final String MASK = "********";
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret|token|api[-_]?key|credential|private[-_]?key).*");

    private SecretMask() {
    }

    static boolean isSecret(String name) {
        return name != null && SECRET.matcher(name).matches();
    }

    static Object mask(String name, Object value) {
        if (value == null) {
            return null;
        }
        if (isSecret(name)) {
            return MASK;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> masked = new LinkedHashMap<>();
            map.forEach((k, v) -> masked.put(String.valueOf(k), mask(String.valueOf(k), v)));
            return masked;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> mask(null, item)).toList();
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return String.valueOf(value);
    }
}
