package io.pveflow.pve.client.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A guest's (or a snapshot's) configuration: free-form keys (cores, memory, scsi0, net0, ...) whose set depends on
 * the guest, plus {@code digest} for optimistic locking of later updates.
 */
public record GuestConfig(Map<String, Object> values) {

    public GuestConfig {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String digest() {
        return string("digest");
    }

    /** A key's value as text, or null. */
    public String string(String key) {
        Object v = values.get(key);
        return v == null ? null : String.valueOf(v);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }
}
