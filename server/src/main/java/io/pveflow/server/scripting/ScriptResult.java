package io.pveflow.server.scripting;

import java.util.Map;

/**
 * What a script produced, as plain Java values (String, Integer/Long/Double/BigInteger, Boolean, List, Map,
 * null): its completion value and the variables it set through {@code execution.setVariable}.
 */
public record ScriptResult(Object value, Map<String, Object> variables) {
}
