package io.pveflow.server.notifications;

import java.util.List;
import java.util.Map;

/**
 * A notifier with its secrets decrypted: what a {@link Channel} needs to deliver. Only in memory, only while
 * delivering; {@link #toString()} never shows the secrets.
 */
record NotifierTarget(String clusterId, String name, NotifierType type, Map<String, Object> settings,
                      Map<String, String> secrets) {

    NotifierTarget {
        settings = Map.copyOf(settings);
        secrets = Map.copyOf(secrets);
    }

    String setting(String field) {
        Object value = settings.get(field);
        return value == null ? null : value.toString();
    }

    int intSetting(String field, int defaultValue) {
        Object value = settings.get(field);
        return value instanceof Number n ? n.intValue() : defaultValue;
    }

    @SuppressWarnings("unchecked")
    List<String> listSetting(String field) {
        Object value = settings.get(field);
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }

    String secret(String field) {
        return secrets.get(field);
    }

    /** Replaces every secret value in a text (e.g. an error message) with ***. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (String secret : secrets.values()) {
            if (secret != null && secret.length() >= 4) {
                scrubbed = scrubbed.replace(secret, "***");
            }
        }
        return scrubbed;
    }

    @Override
    public String toString() {
        return "NotifierTarget[clusterId=" + clusterId + ", name=" + name + ", type=" + type + ", secrets="
                + secrets.keySet() + "]";
    }
}
