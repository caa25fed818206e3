package io.pveflow.sim.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers for building answers the way PVE renders them (booleans as 0/1, insertion order). */
final class Json {

    private Json() {
    }

    static Map<String, Object> obj(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                map.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return map;
    }

    static int bit(boolean b) {
        return b ? 1 : 0;
    }

    static double round(double value, int digits) {
        double factor = Math.pow(10, digits);
        return Math.round(value * factor) / factor;
    }
}
