package io.pveflow.server.approvals;

import java.util.List;

import org.flowable.bpmn.model.ExtensionElement;
import org.flowable.bpmn.model.Process;

/**
 * {@code <pveflow:separationOfDuties/>} in a process's extension elements: the person who started a run may not
 * claim, be assigned or complete any of its user tasks (four eyes). Enforced inside the engine
 * ({@link SeparationOfDutiesListener}), so it holds for PVEFlow's API, Flowable's REST API and the Java API alike.
 */
final class SeparationOfDuties {

    static final String NAMESPACE = "http://pveflow.io/schema/bpmn";
    static final String ELEMENT = "separationOfDuties";

    private SeparationOfDuties() {
    }

    static boolean appliesTo(Process process) {
        if (process == null) {
            return false;
        }
        List<ExtensionElement> elements = process.getExtensionElements().get(ELEMENT);
        return elements != null && elements.stream().anyMatch(e -> e.getNamespace() == null || NAMESPACE.equals(e.getNamespace()));
    }

    static String refusal(String user, String action) {
        return "Separation of duties: '" + user + "' started this run and may not " + action + " its tasks";
    }
}
