package io.pveflow.server.processes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowable.bpmn.model.Activity;
import org.flowable.bpmn.model.BoundaryEvent;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.EndEvent;
import org.flowable.bpmn.model.ErrorEventDefinition;
import org.flowable.bpmn.model.EventSubProcess;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowElementsContainer;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.ImplementationType;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.SubProcess;

import io.pveflow.server.deployments.DeploymentProblem;

/**
 * Modelling mistakes the engine would accept but that are almost always wrong, checked at publish (the modeler
 * shows the same rules while drawing): one executable process named by the key, a start and an end event in every
 * process and sub-process, no flow node that no start event reaches; and, as a warning only, a PVE step without
 * an error boundary event (a Proxmox failure then fails the run instead of taking a modelled path).
 */
final class ProcessLint {

    private static final Pattern SINGLE_BEAN = Pattern.compile("^\\s*[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}\\s*$");

    private final Predicate<String> isPveActivity;
    private final List<DeploymentProblem> problems = new ArrayList<>();

    private ProcessLint(Predicate<String> isPveActivity) {
        this.isPveActivity = isPveActivity;
    }

    /** Problems of the document published as {@code processKey}; {@code isPveActivity} answers bean names. */
    static List<DeploymentProblem> check(BpmnModel model, String processKey, Predicate<String> isPveActivity) {
        ProcessLint lint = new ProcessLint(isPveActivity);
        List<Process> executable = model.getProcesses().stream().filter(Process::isExecutable).toList();
        if (executable.size() != 1 || !processKey.equals(executable.get(0).getId())) {
            lint.problems.add(DeploymentProblem.error(processKey, null, "one-executable-process",
                    "the document must contain exactly one executable process, with id '" + processKey + "' (found "
                            + (executable.isEmpty() ? "none" : String.join(", ", executable.stream().map(Process::getId).toList()))
                            + ")"));
        }
        for (Process process : executable) {
            lint.container(process.getId(), process, "process");
            lint.reachability(process);
            lint.pveSteps(process);
        }
        return List.copyOf(lint.problems);
    }

    /** A start and an end event in the process and in every (event) sub-process. */
    private void container(String id, FlowElementsContainer container, String what) {
        List<FlowElement> elements = List.copyOf(container.getFlowElements());
        if (elements.stream().noneMatch(StartEvent.class::isInstance)) {
            problems.add(DeploymentProblem.error(id, null, "start-event-required", "the " + what + " has no start event"));
        }
        if (elements.stream().noneMatch(EndEvent.class::isInstance)) {
            problems.add(DeploymentProblem.error(id, null, "end-event-required", "the " + what + " has no end event"));
        }
        for (FlowElement element : elements) {
            if (element instanceof EventSubProcess sub) {
                container(sub.getId(), sub, "event sub-process");
            } else if (element instanceof SubProcess sub && !sub.getFlowElements().isEmpty()) {
                container(sub.getId(), sub, "sub-process");
            }
        }
    }

    /**
     * Walks the sequence flows from every start event (and the other entry points a run can arrive through:
     * event sub-processes, compensation handlers, boundary events of reached activities, the contents of reached
     * sub-processes); a flow node never reached is reported.
     */
    private void reachability(Process process) {
        List<FlowNode> nodes = process.findFlowElementsOfType(FlowNode.class, true);
        Deque<FlowNode> todo = new ArrayDeque<>();
        for (FlowNode node : nodes) {
            boolean entry = (node instanceof StartEvent && node.getParentContainer() instanceof Process)
                    || node instanceof EventSubProcess
                    || (node instanceof Activity activity && activity.isForCompensation());
            if (entry) {
                todo.add(node);
            }
        }
        Set<String> reached = new HashSet<>();
        while (!todo.isEmpty()) {
            FlowNode node = todo.poll();
            if (!reached.add(node.getId())) {
                continue;
            }
            for (SequenceFlow flow : node.getOutgoingFlows()) {
                if (flow.getTargetFlowElement() instanceof FlowNode target) {
                    todo.add(target);
                }
            }
            if (node instanceof Activity activity) {
                todo.addAll(activity.getBoundaryEvents());
            }
            if (node instanceof SubProcess sub) {
                for (FlowElement inner : sub.getFlowElements()) {
                    if (inner instanceof StartEvent || inner instanceof EventSubProcess) {
                        todo.add((FlowNode) inner);
                    }
                }
            }
        }
        for (FlowNode node : nodes) {
            if (!reached.contains(node.getId()) && !(node instanceof StartEvent)) {
                problems.add(DeploymentProblem.error(node.getId(), null, "unreachable",
                        describe(node) + " cannot be reached from a start event"));
            }
        }
    }

    private void pveSteps(Process process) {
        for (ServiceTask task : process.findFlowElementsOfType(ServiceTask.class, true)) {
            if (!ImplementationType.IMPLEMENTATION_TYPE_DELEGATEEXPRESSION.equals(task.getImplementationType())) {
                continue;
            }
            Matcher bean = SINGLE_BEAN.matcher(task.getImplementation() == null ? "" : task.getImplementation());
            if (!bean.matches() || !isPveActivity.test(bean.group(1))) {
                continue;
            }
            boolean caught = task.getBoundaryEvents().stream().map(BoundaryEvent::getEventDefinitions)
                    .anyMatch(definitions -> definitions.stream().anyMatch(ErrorEventDefinition.class::isInstance))
                    || enclosingSubProcessCatchesErrors(task);
            if (!caught) {
                problems.add(DeploymentProblem.warning(task.getId(), null, "pve-error-boundary",
                        describe(task) + " calls Proxmox (" + bean.group(1) + ") but has no error boundary event: a "
                                + "Proxmox failure fails the run instead of following a modelled path"));
            }
        }
    }

    /** An error boundary event on a sub-process around the step, or an error event sub-process, also catches it. */
    private static boolean enclosingSubProcessCatchesErrors(FlowElement element) {
        FlowElementsContainer parent = element.getParentContainer();
        while (parent instanceof SubProcess sub) {
            if (sub.getBoundaryEvents().stream().anyMatch(b -> b.getEventDefinitions().stream().anyMatch(ErrorEventDefinition.class::isInstance))
                    || hasErrorEventSubProcess(sub)) {
                return true;
            }
            parent = sub.getParentContainer();
        }
        return parent instanceof Process process && hasErrorEventSubProcess(process);
    }

    private static boolean hasErrorEventSubProcess(FlowElementsContainer container) {
        return container.getFlowElements().stream().filter(EventSubProcess.class::isInstance)
                .flatMap(e -> ((EventSubProcess) e).getFlowElements().stream())
                .filter(StartEvent.class::isInstance)
                .anyMatch(s -> ((StartEvent) s).getEventDefinitions().stream().anyMatch(ErrorEventDefinition.class::isInstance));
    }

    private static String describe(FlowNode node) {
        String type = node.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return type + " '" + (node.getName() == null || node.getName().isBlank() ? node.getId() : node.getName()) + "'";
    }
}
