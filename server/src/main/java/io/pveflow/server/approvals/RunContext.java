package io.pveflow.server.approvals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.flowable.bpmn.model.BoundaryEvent;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.EventDefinition;
import org.flowable.bpmn.model.ExtensionElement;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.FormProperty;
import org.flowable.bpmn.model.Gateway;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.TimerEventDefinition;

/**
 * What a person deciding on a task needs to know about its run: the inputs it was started with (secrets
 * masked), the step it is at, and what comes next in the diagram (through gateways, and the task's boundary
 * timers such as an approval's timeout and reminders).
 */
final class RunContext {

    static final String MASK = "********";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|apikey|api_key|credential|private_?key).*");

    private RunContext() {
    }

    /**
     * The run's inputs: the variables the process declares as inputs ({@code <pveflow:input>}, start form
     * properties) when it declares any, else every variable; values of secret-looking names are masked.
     */
    static Map<String, Object> inputs(Process process, Map<String, Object> variables) {
        Set<String> declared = new LinkedHashSet<>();
        for (ExtensionElement input : process.getExtensionElements().getOrDefault("input", List.of())) {
            String name = input.getAttributeValue(null, "name");
            if (name != null) {
                declared.add(name);
            }
        }
        for (StartEvent start : process.findFlowElementsOfType(StartEvent.class, false)) {
            for (FormProperty property : start.getFormProperties()) {
                declared.add(property.getId());
            }
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (declared.isEmpty()) {
            variables.keySet().stream().sorted().forEach(name -> inputs.put(name, masked(name, variables.get(name))));
        } else {
            for (String name : declared) {
                if (variables.containsKey(name)) {
                    inputs.put(name, masked(name, variables.get(name)));
                }
            }
        }
        return inputs;
    }

    static Object masked(String name, Object value) {
        if (value != null && SECRET_NAME.matcher(name).matches()) {
            return MASK;
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean || value == null
                || value instanceof Map || value instanceof List) {
            return value;
        }
        return String.valueOf(value);
    }

    /** The elements that follow the task: along its flows (one step past gateways) and its boundary events. */
    static List<Map<String, Object>> next(BpmnModel model, String activityId) {
        List<Map<String, Object>> next = new ArrayList<>();
        Process process = model.getMainProcess();
        FlowElement element = process == null ? null : process.getFlowElement(activityId, true);
        if (!(element instanceof FlowNode node)) {
            return next;
        }
        for (SequenceFlow flow : node.getOutgoingFlows()) {
            next.add(step(flow, true));
        }
        for (BoundaryEvent boundary : process.findFlowElementsOfType(BoundaryEvent.class, true)) {
            if (activityId.equals(boundary.getAttachedToRefId())) {
                Map<String, Object> entry = describe(boundary);
                entry.put("interrupting", boundary.isCancelActivity());
                for (EventDefinition definition : boundary.getEventDefinitions()) {
                    if (definition instanceof TimerEventDefinition timer) {
                        entry.put("timer", timer.getTimeDuration() != null ? timer.getTimeDuration()
                                : timer.getTimeCycle() != null ? timer.getTimeCycle() : timer.getTimeDate());
                    }
                }
                List<Map<String, Object>> then = new ArrayList<>();
                for (SequenceFlow flow : boundary.getOutgoingFlows()) {
                    then.add(step(flow, true));
                }
                entry.put("then", then);
                next.add(entry);
            }
        }
        return next;
    }

    private static Map<String, Object> step(SequenceFlow flow, boolean expandGateway) {
        FlowElement target = flow.getTargetFlowElement();
        Map<String, Object> entry = target == null ? new LinkedHashMap<>(Map.of("id", flow.getTargetRef())) : describe(target);
        if (flow.getName() != null && !flow.getName().isBlank()) {
            entry.put("flow", flow.getName());
        }
        if (flow.getConditionExpression() != null && !flow.getConditionExpression().isBlank()) {
            entry.put("condition", flow.getConditionExpression().strip());
        }
        if (expandGateway && target instanceof Gateway gateway) {
            List<Map<String, Object>> branches = new ArrayList<>();
            for (SequenceFlow branch : gateway.getOutgoingFlows()) {
                Map<String, Object> described = step(branch, false);
                if (branch.getId() != null && branch.getId().equals(gateway.getDefaultFlow())) {
                    described.put("default", true);
                }
                branches.add(described);
            }
            entry.put("then", branches);
        }
        return entry;
    }

    private static Map<String, Object> describe(FlowElement element) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", element.getId());
        if (element.getName() != null && !element.getName().isBlank()) {
            entry.put("name", element.getName());
        }
        String type = element.getClass().getSimpleName();
        entry.put("type", Character.toLowerCase(type.charAt(0)) + type.substring(1));
        return entry;
    }
}
