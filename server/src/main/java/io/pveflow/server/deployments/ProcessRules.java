package io.pveflow.server.deployments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.BusinessRuleTask;
import org.flowable.bpmn.model.EventListener;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowableListener;
import org.flowable.bpmn.model.ImplementationType;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.ScriptTask;
import org.flowable.bpmn.model.SendTask;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.bpmn.model.UserTask;

import io.pveflow.server.scripting.GraalJsScriptEngine;

/**
 * The security rules every deployed process must keep, whichever way it arrives. Service tasks, listeners and
 * event listeners may only use PVEFlow's process beans (or Java classes an admin allowed); scripts and script
 * conditions are JavaScript (run in the sandbox); shell, Camel, Mule, mail, DMN, case, event-registry and
 * external-worker tasks are refused; the HTTP task only where an admin allowed it for the cluster.
 */
final class ProcessRules {

    /** What the deploying tenant may use. */
    record Policy(Predicate<String> beanAllowed, Set<String> beanNames, Set<String> allowedClasses,
                  boolean httpTaskAllowed) {
    }

    private static final Pattern ROOT_IDENTIFIER = Pattern.compile("^\\s*[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");
    /** {@code ${beanName}}, nothing else: how a delegate expression names one bean. */
    static final Pattern SINGLE_BEAN = Pattern.compile("^\\s*[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}\\s*$");

    private final Policy policy;
    private final List<DeploymentProblem> problems = new ArrayList<>();

    private ProcessRules(Policy policy) {
        this.policy = policy;
    }

    static List<String> violations(BpmnModel model, Policy policy) {
        return describe(problems(model, policy));
    }

    /** Every broken rule, each naming its element and rule. */
    static List<DeploymentProblem> problems(BpmnModel model, Policy policy) {
        ProcessRules rules = new ProcessRules(policy);
        for (Process process : model.getProcesses()) {
            rules.check(process);
        }
        return List.copyOf(rules.problems);
    }

    static List<String> describe(List<DeploymentProblem> problems) {
        return problems.stream().map(p -> "element '" + p.elementId() + "': " + p.message()).toList();
    }

    private void check(Process process) {
        listeners(process.getId(), process.getExecutionListeners());
        for (EventListener listener : process.getEventListeners()) {
            implementation(process.getId(), "event listener", listener.getImplementationType(),
                    listener.getImplementation(), false);
        }
        for (FlowElement element : process.findFlowElementsOfType(FlowElement.class, true)) {
            check(element);
        }
    }

    private void check(FlowElement element) {
        String id = element.getId();
        listeners(id, element.getExecutionListeners());
        if (element instanceof ServiceTask task) {
            serviceTask(id, task.getType(), task.getImplementationType(), task.getImplementation());
        } else if (element instanceof SendTask task) {
            if (ImplementationType.IMPLEMENTATION_TYPE_WEBSERVICE.equals(task.getImplementationType())) {
                refuse(id, "web-service-task", "web service tasks are not allowed");
            } else {
                serviceTask(id, task.getType(), null, null);
            }
        } else if (element instanceof BusinessRuleTask) {
            refuse(id, "business-rule-task", "business rule tasks are not supported (rules run as class delegates)");
        } else if (element instanceof ScriptTask task) {
            if (!GraalJsScriptEngine.isJavaScript(task.getScriptFormat())) {
                refuse(id, "script-language", "script format '" + task.getScriptFormat() + "' is not allowed; scripts must be javascript");
            }
        } else if (element instanceof SequenceFlow flow) {
            String language = flow.getConditionLanguage();
            if (language != null && !language.isBlank() && !"juel".equalsIgnoreCase(language)
                    && !GraalJsScriptEngine.isJavaScript(language)) {
                refuse(id, "condition-language", "condition language '" + language + "' is not allowed; use javascript or ${...}");
            }
        }
        if (element instanceof UserTask task) {
            listeners(id, task.getTaskListeners());
        }
    }

    private void serviceTask(String id, String type, String implementationType, String implementation) {
        if (type != null && !type.isBlank()) {
            switch (type.toLowerCase(Locale.ROOT)) {
                case "http" -> {
                    if (!policy.httpTaskAllowed()) {
                        refuse(id, "http-task", "HTTP tasks are not allowed for this cluster (an admin can allow them per cluster)");
                    }
                }
                case "shell" -> refuse(id, "shell-task", "shell tasks are not allowed: they run commands on the PVEFlow server");
                case "camel", "mule" -> refuse(id, "task-type", type + " tasks are not allowed");
                case "mail" -> refuse(id, "mail-task", "mail tasks are not allowed; send messages with the notify activity");
                default -> refuse(id, "task-type", "service tasks of type '" + type + "' are not allowed");
            }
            return;
        }
        implementation(id, "the service task", implementationType, implementation, true);
    }

    private void listeners(String id, List<FlowableListener> listeners) {
        for (FlowableListener listener : listeners) {
            String what = "listener on '" + listener.getEvent() + "'";
            if (ImplementationType.IMPLEMENTATION_TYPE_SCRIPT.equals(listener.getImplementationType())) {
                String language = listener.getScriptInfo() == null ? null : listener.getScriptInfo().getLanguage();
                if (!GraalJsScriptEngine.isJavaScript(language)) {
                    refuse(id, "script-language", "script " + what + " must be javascript, not '" + language + "'");
                }
            } else {
                implementation(id, what, listener.getImplementationType(), listener.getImplementation(), false);
            }
            if (listener.getCustomPropertiesResolverImplementation() != null) {
                implementation(id, "custom properties resolver of the " + what,
                        listener.getCustomPropertiesResolverImplementationType(),
                        listener.getCustomPropertiesResolverImplementation(), false);
            }
        }
    }

    private void implementation(String id, String what, String type, String implementation, boolean executionAllowed) {
        if (type == null) {
            return; // nothing to run (Flowable's validator reports a service task without implementation)
        }
        switch (type) {
            case ImplementationType.IMPLEMENTATION_TYPE_CLASS -> {
                if (!policy.allowedClasses().contains(implementation)) {
                    refuse(id, "class-delegate", what + " uses flowable:class '" + implementation + "'; Java classes are not allowed "
                            + "(use a PVEFlow activity: " + String.join(", ", policy.beanNames()) + ")");
                }
            }
            case ImplementationType.IMPLEMENTATION_TYPE_DELEGATEEXPRESSION -> {
                Matcher bean = SINGLE_BEAN.matcher(implementation == null ? "" : implementation);
                if (!bean.matches() || !policy.beanAllowed().test(bean.group(1))) {
                    refuse(id, "delegate-expression", what + " uses delegateExpression '" + implementation + "'; it must name one PVEFlow "
                            + "activity, like ${pveSnapshotCreate} (available: " + String.join(", ", policy.beanNames()) + ")");
                }
            }
            case ImplementationType.IMPLEMENTATION_TYPE_EXPRESSION -> {
                Matcher root = ROOT_IDENTIFIER.matcher(implementation == null ? "" : implementation);
                boolean ok = root.find() && (policy.beanAllowed().test(root.group(1))
                        || (executionAllowed && "execution".equals(root.group(1))));
                if (!ok) {
                    refuse(id, "expression", what + " uses expression '" + implementation + "'; expressions may only call PVEFlow's "
                            + "process beans" + (executionAllowed ? " or execution" : ""));
                }
            }
            default -> refuse(id, "implementation-type", what + " has implementation type '" + type + "', which is not allowed");
        }
    }

    private void refuse(String elementId, String rule, String message) {
        problems.add(DeploymentProblem.error(elementId, null, rule, message));
    }
}
