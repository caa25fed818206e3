package io.pveflow.server.executions;

import java.util.LinkedHashMap;
import java.util.Map;

import org.flowable.bpmn.model.BpmnModel;

import io.pveflow.server.web.InvalidInputException;

/** Deploy-time check of what a process declares about its runs (concurrency group, retention). */
public final class ProcessDeclarations {

    private ProcessDeclarations() {
    }

    /** Each broken declaration by the attribute it is about (e.g. {@code concurrency.limit}); empty when all is well. */
    public static Map<String, String> problems(BpmnModel model) {
        Map<String, String> problems = new LinkedHashMap<>();
        try {
            ProcessSettings settings = ProcessSettings.of(model);
            if (settings.groupTemplate() != null
                    && settings.groupTemplate().replaceAll("\\$\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*}", "").contains("${")) {
                problems.put("concurrency.group", "'" + settings.groupTemplate()
                        + "' may only use ${variable} placeholders, e.g. vm:${vmid}");
            }
        } catch (InvalidInputException e) {
            problems.putAll(e.errors());
        }
        return problems;
    }
}
