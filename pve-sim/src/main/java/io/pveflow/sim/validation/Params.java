package io.pveflow.sim.validation;

import java.util.List;
import java.util.Map;

/** Validated, typed request parameters (path parameters included). */
public final class Params {

    private final Map<String, Object> values;

    Params(Map<String, Object> values) {
        this.values = values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name) {
        Object v = values.get(name);
        return v == null ? null : String.valueOf(v);
    }

    public String string(String name, String fallback) {
        String v = string(name);
        return v == null ? fallback : v;
    }

    public int integer(String name) {
        return (int) longValue(name, 0);
    }

    public long longValue(String name, long fallback) {
        Object v = values.get(name);
        return v == null ? fallback : ((Number) v).longValue();
    }

    public Integer optionalInt(String name) {
        Object v = values.get(name);
        return v == null ? null : ((Number) v).intValue();
    }

    public Double number(String name) {
        Object v = values.get(name);
        return v == null ? null : ((Number) v).doubleValue();
    }

    public boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        return v == null ? fallback : (Boolean) v;
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<String>) v;
    }

    public Map<String, Object> asMap() {
        return Map.copyOf(values);
    }
}
