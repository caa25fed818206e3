package io.pveflow.pve.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Optional parameters of one request. Subclasses offer typed setters for the common ones; {@link #param} reaches
 * any other parameter by its Proxmox name. Both are checked against the method's rules before sending, so a
 * parameter the method does not have is refused with INVALID_PARAM naming it.
 */
public abstract class RequestOptions<T extends RequestOptions<T>> {

    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Any parameter by its Proxmox name; {@code null} removes it. */
    public T param(String name, Object value) {
        if (value == null) {
            params.remove(name);
        } else {
            params.put(name, value);
        }
        return self();
    }

    /** The parameters set so far, in order. */
    public Map<String, Object> toMap() {
        return Collections.unmodifiableMap(params);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }
}
