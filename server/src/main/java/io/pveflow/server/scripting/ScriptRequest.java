package io.pveflow.server.scripting;

import java.util.Map;

/**
 * One evaluation: the script, a name for messages ("script task 'check'"), the variables it sees, and facts
 * about the execution ({@code id}, {@code processInstanceId}, {@code businessKey}, {@code tenantId}, ...).
 */
public record ScriptRequest(String script, String sourceName, Map<String, Object> variables, Map<String, Object> execution) {

    public ScriptRequest {
        variables = variables == null ? Map.of() : variables;
        execution = execution == null ? Map.of() : execution;
    }
}
