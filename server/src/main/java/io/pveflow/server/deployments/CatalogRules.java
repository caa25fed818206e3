package io.pveflow.server.deployments;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FieldExtension;
import org.flowable.bpmn.model.ImplementationType;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.ServiceTask;

import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.FieldReader;
import io.pveflow.pve.activity.FieldSpec;

/**
 * Checks every PVE activity in a document against its catalogue entry before anything is deployed: fields
 * the activity does not have, required fields left out, literal values that break a pattern, an enumeration
 * or a type, and waiting activities without {@code flowable:triggerable="true"}. Values written as
 * {@code ${...}} or {@code js{...}} are checked when the step runs.
 */
final class CatalogRules {

    private CatalogRules() {
    }

    /** {@code catalog} answers a bean name with its descriptor, or null when the bean is not a PVE activity. */
    static List<String> violations(BpmnModel model, Function<String, ActivityDescriptor> catalog) {
        return describe(problems(model, catalog));
    }

    /** Every misuse of a PVE activity; the message starts with the activity, the field is named separately. */
    static List<DeploymentProblem> problems(BpmnModel model, Function<String, ActivityDescriptor> catalog) {
        List<DeploymentProblem> violations = new ArrayList<>();
        for (Process process : model.getProcesses()) {
            for (ServiceTask task : process.findFlowElementsOfType(ServiceTask.class, true)) {
                if (!ImplementationType.IMPLEMENTATION_TYPE_DELEGATEEXPRESSION.equals(task.getImplementationType())) {
                    continue;
                }
                Matcher bean = ProcessRules.SINGLE_BEAN.matcher(task.getImplementation() == null ? "" : task.getImplementation());
                ActivityDescriptor activity = bean.matches() ? catalog.apply(bean.group(1)) : null;
                if (activity != null) {
                    check(task, activity, violations);
                }
            }
        }
        return List.copyOf(violations);
    }

    static List<String> describe(List<DeploymentProblem> problems) {
        return problems.stream().map(p -> "element '" + p.elementId() + "' " + p.message()).toList();
    }

    private static void check(ServiceTask task, ActivityDescriptor activity, List<DeploymentProblem> violations) {
        String where = "(" + activity.id() + "): ";
        Set<String> given = new HashSet<>();
        for (FieldExtension field : task.getFieldExtensions()) {
            given.add(field.getFieldName());
            FieldSpec spec = activity.field(field.getFieldName());
            if (spec == null) {
                violations.add(DeploymentProblem.error(task.getId(), field.getFieldName(), "unknown-field",
                        where + "unknown field '" + field.getFieldName() + "' (fields: "
                        + String.join(", ", activity.fields().stream().map(FieldSpec::name).toList()) + ")"));
                continue;
            }
            String literal = field.getStringValue();
            if (literal != null && field.getExpression() == null && !FieldReader.isJavaScript(literal)
                    && !literal.contains("${") && !literal.contains("#{")) {
                String problem = literalProblem(spec, literal.trim());
                if (problem != null) {
                    violations.add(DeploymentProblem.error(task.getId(), spec.name(), "field-value",
                            where + "field '" + spec.name() + "' " + problem));
                }
            }
        }
        for (FieldSpec spec : activity.fields()) {
            if (spec.required() && spec.defaultValue() == null && !given.contains(spec.name())) {
                violations.add(DeploymentProblem.error(task.getId(), spec.name(), "required-field",
                        where + "required field '" + spec.name() + "' is missing"));
            }
        }
        if (activity.waits() && !task.isTriggerable() && !waitsDisabled(task)) {
            violations.add(DeploymentProblem.error(task.getId(), "triggerable", "triggerable",
                    where + "waits for a Proxmox task, so the service task needs flowable:triggerable=\"true\""));
        }
    }

    private static boolean waitsDisabled(ServiceTask task) {
        return task.getFieldExtensions().stream().anyMatch(f -> "wait".equals(f.getFieldName())
                && f.getExpression() == null && "false".equalsIgnoreCase(String.valueOf(f.getStringValue()).trim()));
    }

    private static String literalProblem(FieldSpec spec, String value) {
        if (value.isEmpty()) {
            return spec.required() && spec.defaultValue() == null ? "is required but empty" : null;
        }
        switch (spec.type()) {
            case INTEGER -> {
                try {
                    Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return "'" + value + "' is not a whole number";
                }
            }
            case BOOLEAN -> {
                if (!value.matches("(?i)true|false|1|0|yes|no|on|off")) {
                    return "'" + value + "' is not true or false";
                }
            }
            case DURATION -> {
                try {
                    Duration.parse(value);
                } catch (DateTimeParseException e) {
                    return "'" + value + "' is not an ISO-8601 duration (e.g. PT10M)";
                }
            }
            default -> {
                // checked below
            }
        }
        if (spec.values() != null && !spec.values().contains(value)) {
            return "'" + value + "' is not one of " + String.join(", ", spec.values());
        }
        if (spec.pattern() != null && !Pattern.matches(spec.pattern(), value)) {
            return "'" + value + "' does not match " + spec.pattern();
        }
        return null;
    }
}
