package io.pveflow.server.notifications;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an admin sends to add or change a notifier. {@code settings} holds the type's settings, secrets
 * included (see {@link NotifierType#secretFields()}); a secret is write-only: required when adding, optional
 * when changing (absent keeps the stored one), never sent back. {@code type} is a string so that a wrong one
 * gets a message naming the field.
 */
public record NotifierRequest(String name, String type, String description, Boolean enabled,
                              Map<String, Object> settings) {

    @Override
    public String toString() {
        // Never let a secret reach a log line through toString(): only the setting names are shown.
        return "NotifierRequest[name=" + name + ", type=" + type + ", enabled=" + enabled + ", settings="
                + (settings == null ? "absent" : new TreeMap<>(settings).keySet()) + "]";
    }
}
