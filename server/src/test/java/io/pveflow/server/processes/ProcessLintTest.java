package io.pveflow.server.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.common.engine.impl.util.io.BytesStreamSource;
import org.junit.jupiter.api.Test;

import io.pveflow.server.deployments.DeploymentProblem;

/** The lint rules on sub-processes, boundary events and event sub-processes, where reachability is subtle. */
class ProcessLintTest {

    private static List<DeploymentProblem> lint(String body) {
        String xml = """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn" targetNamespace="t">
                  <error id="pveError" errorCode="PVE_TASK_FAILED"/>
                  <process id="p" isExecutable="true">%s</process>
                </definitions>""".formatted(body);
        return ProcessLint.check(new BpmnXMLConverter().convertToBpmnModel(new BytesStreamSource(xml.getBytes(StandardCharsets.UTF_8)),
                false, true), "p", "pveSnapshotCreate"::equals);
    }

    private static List<String> rules(List<DeploymentProblem> problems) {
        return problems.stream().map(p -> p.elementId() + ":" + p.rule() + ":" + p.severity()).toList();
    }

    @Test
    void stepsInsideSubProcessesBoundaryPathsAndEventSubProcessesAreReachable() {
        List<DeploymentProblem> problems = lint("""
                <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="sub"/>
                <subProcess id="sub">
                  <startEvent id="ss"/><sequenceFlow id="f2" sourceRef="ss" targetRef="snap"/>
                  <serviceTask id="snap" flowable:delegateExpression="${pveSnapshotCreate}"/>
                  <sequenceFlow id="f3" sourceRef="snap" targetRef="se"/><endEvent id="se"/>
                </subProcess>
                <boundaryEvent id="caught" attachedToRef="sub"><errorEventDefinition errorRef="pveError"/></boundaryEvent>
                <sequenceFlow id="f4" sourceRef="caught" targetRef="fix"/><userTask id="fix"/>
                <sequenceFlow id="f5" sourceRef="fix" targetRef="e"/>
                <sequenceFlow id="f6" sourceRef="sub" targetRef="e"/><endEvent id="e"/>
                <subProcess id="onTimeout" triggeredByEvent="true">
                  <startEvent id="ts"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></startEvent>
                  <sequenceFlow id="f7" sourceRef="ts" targetRef="te"/><endEvent id="te"/>
                </subProcess>
                """);
        assertThat(rules(problems)).isEmpty();
    }

    @Test
    void anUnconnectedStepAndAnUncaughtPveStepAreReported() {
        List<DeploymentProblem> problems = lint("""
                <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="snap"/>
                <serviceTask id="snap" flowable:delegateExpression="${pveSnapshotCreate}"/>
                <sequenceFlow id="f2" sourceRef="snap" targetRef="e"/><endEvent id="e"/>
                <userTask id="island"/><sequenceFlow id="f3" sourceRef="island" targetRef="e"/>
                <serviceTask id="other" flowable:delegateExpression="${somethingElse}"/>
                """);
        assertThat(rules(problems)).containsExactlyInAnyOrder("island:unreachable:error", "other:unreachable:error",
                "snap:pve-error-boundary:warning");
    }

    @Test
    void anErrorEventSubProcessCatchesPveErrorsToo() {
        List<DeploymentProblem> problems = lint("""
                <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="snap"/>
                <serviceTask id="snap" flowable:delegateExpression="${pveSnapshotCreate}"/>
                <sequenceFlow id="f2" sourceRef="snap" targetRef="e"/><endEvent id="e"/>
                <subProcess id="onError" triggeredByEvent="true">
                  <startEvent id="es"><errorEventDefinition/></startEvent>
                  <sequenceFlow id="f3" sourceRef="es" targetRef="ee"/><endEvent id="ee"/>
                </subProcess>
                """);
        assertThat(rules(problems)).isEmpty();
    }

    @Test
    void theKeyMustNameTheOnlyExecutableProcess() {
        List<DeploymentProblem> problems = ProcessLint.check(new BpmnXMLConverter().convertToBpmnModel(new BytesStreamSource("""
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
                  <process id="a" isExecutable="true"><startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e"/></process>
                </definitions>""".getBytes(StandardCharsets.UTF_8)), false, true), "b", name -> false);
        assertThat(rules(problems)).containsExactly("b:one-executable-process:error");
        assertThat(problems.get(0).message()).contains("with id 'b'").contains("found a");
    }
}
