package io.pveflow.server.processes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.ExtensionAttribute;
import org.flowable.bpmn.model.ExtensionElement;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FormProperty;
import org.flowable.bpmn.model.FormValue;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.StartEvent;

/**
 * The inputs a run of a process asks for: the start event's {@code flowable:formProperty} elements (Flowable's own
 * way) and the process's {@code <pveflow:input>} declarations (PVEFlow's, with help texts and option lists). A name
 * declared both ways appears once, as the form property says.
 */
final class StartForms {

    static final String PVEFLOW_NAMESPACE = "http://pveflow.io/schema/bpmn";
    private static final List<String> TYPES = List.of("string", "number", "boolean", "enum", "duration", "date");

    private StartForms() {
    }

    static List<ProcessViews.Input> inputs(BpmnModel model, String processKey) {
        Process process = model.getProcessById(processKey);
        if (process == null) {
            process = model.getMainProcess();
        }
        Map<String, ProcessViews.Input> inputs = new LinkedHashMap<>();
        StartEvent start = noneStartEvent(process);
        if (start != null) {
            for (FormProperty property : start.getFormProperties()) {
                if (!property.isReadable() && !property.isWriteable()) {
                    continue;
                }
                String name = property.getVariable() != null && !property.getVariable().isBlank()
                        ? property.getVariable() : property.getId();
                List<ProcessViews.Option> options = property.getFormValues().isEmpty() ? null : property.getFormValues()
                        .stream().map(StartForms::option).toList();
                inputs.putIfAbsent(name, new ProcessViews.Input(name, blankToNull(property.getName()) == null ? name
                        : property.getName(), formType(property.getType()), property.isRequired(),
                        blankToNull(property.getDefaultExpression()), options, null));
            }
        }
        for (ExtensionElement element : process.getExtensionElements().getOrDefault("input", List.of())) {
            if (!PVEFLOW_NAMESPACE.equals(element.getNamespace())) {
                continue;
            }
            String name = attribute(element, "name");
            if (name == null) {
                continue;
            }
            String type = attribute(element, "type");
            String optionList = attribute(element, "options");
            List<ProcessViews.Option> options = optionList == null ? null : Arrays.stream(optionList.split(","))
                    .map(String::trim).filter(o -> !o.isEmpty()).map(o -> new ProcessViews.Option(o, o)).toList();
            inputs.putIfAbsent(name, new ProcessViews.Input(name, attribute(element, "label") == null ? name
                    : attribute(element, "label"), type != null && TYPES.contains(type.toLowerCase(Locale.ROOT))
                    ? type.toLowerCase(Locale.ROOT) : options != null ? "enum" : "string",
                    "true".equalsIgnoreCase(attribute(element, "required")), attribute(element, "default"), options,
                    attribute(element, "help")));
        }
        return new ArrayList<>(inputs.values());
    }

    /** The start event a manual start uses: the one without event definitions (not a timer, message or signal). */
    private static StartEvent noneStartEvent(Process process) {
        StartEvent first = null;
        for (FlowElement element : process.getFlowElements()) {
            if (element instanceof StartEvent start) {
                if (start.getEventDefinitions().isEmpty()) {
                    return start;
                }
                first = first == null ? start : first;
            }
        }
        return first;
    }

    private static String formType(String flowableType) {
        if (flowableType == null) {
            return "string";
        }
        return switch (flowableType.toLowerCase(Locale.ROOT)) {
            case "long", "integer", "double", "number" -> "number";
            case "boolean" -> "boolean";
            case "enum" -> "enum";
            case "date" -> "date";
            case "duration" -> "duration";
            default -> "string";
        };
    }

    private static ProcessViews.Option option(FormValue value) {
        return new ProcessViews.Option(value.getId(), value.getName() == null ? value.getId() : value.getName());
    }

    private static String attribute(ExtensionElement element, String name) {
        List<ExtensionAttribute> values = element.getAttributes().get(name);
        if (values == null) {
            return null;
        }
        return values.stream().filter(a -> a.getNamespace() == null || a.getNamespace().isEmpty())
                .map(ExtensionAttribute::getValue).map(StartForms::blankToNull).filter(v -> v != null).findFirst().orElse(null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
