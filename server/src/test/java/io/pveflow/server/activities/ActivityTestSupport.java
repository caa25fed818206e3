package io.pveflow.server.activities;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.client.ClusterApi;
import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.PveClient;
import io.pveflow.server.testing.H2ServerTest;

/**
 * Runs one activity in a real process on the demo cluster (the in-process simulator over HTTPS, 300 ms tasks):
 * start -> step -> done, with an error boundary event on the step leading to 'failed' and the error code in
 * the variable {@code error}.
 */
public abstract class ActivityTestSupport extends H2ServerTest {

    @Autowired
    protected RepositoryService repository;

    @Autowired
    protected RuntimeService runtime;

    @Autowired
    protected HistoryService history;

    @Autowired
    protected PveClientRegistry clients;

    /** The demo cluster's client, to check the simulator's state as Proxmox would show it. */
    protected PveClient pve() {
        return clients.client("demo");
    }

    /** A guest of the demo cluster by id, with the node and type the cluster reports for it now. */
    protected GuestRef guestRef(int vmid) {
        return pve().cluster().resources(ClusterApi.ResourceType.VM).stream()
                .filter(r -> r.vmid() != null && r.vmid() == vmid).findFirst().orElseThrow().guest();
    }

    /** Deploys the process {@code key} on the demo cluster and starts it. */
    protected String run(String key, String step, Map<String, Object> variables) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://pveflow.io/test">
                  <process id="%s" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="step"/>
                %s
                    <sequenceFlow id="f2" sourceRef="step" targetRef="done"/>
                    <endEvent id="done"/>
                    <endEvent id="failed"/>
                  </process>
                </definitions>""".formatted(key, step);
        repository.createDeployment().tenantId("demo").addBytes(key + ".bpmn20.xml", bpmn.getBytes(StandardCharsets.UTF_8)).deploy();
        return runtime.startProcessInstanceByKeyAndTenantId(key, variables, "demo").getId();
    }

    /** A service task using {@code bean}, triggerable when the activity waits, with an error boundary event. */
    protected static String step(String bean, boolean waits, String fields) {
        return """
                    <serviceTask id="step" flowable:delegateExpression="${%s}" %s>
                      <extensionElements>%s</extensionElements>
                    </serviceTask>
                    <boundaryEvent id="error" attachedToRef="step"><errorEventDefinition flowable:errorVariableName="error"/></boundaryEvent>
                    <sequenceFlow id="f3" sourceRef="error" targetRef="failed"/>""".formatted(bean,
                waits ? "flowable:triggerable=\"true\"" : "", fields);
    }

    /** A literal field ({@code flowable:string}: kept as written, except {@code js{...}}, which runs as JavaScript). */
    protected static String field(String name, String value) {
        return "<flowable:field name=\"" + name + "\"><flowable:string><![CDATA[" + value + "]]></flowable:string></flowable:field>";
    }

    /** An expression field ({@code flowable:expression}: {@code ${...}} is evaluated per execution). */
    protected static String expression(String name, String value) {
        return "<flowable:field name=\"" + name + "\"><flowable:expression><![CDATA[" + value + "]]></flowable:expression></flowable:field>";
    }

    /**
     * Waits (60 s at most) for the run to end; returns its variables plus {@code $end}, the end event it reached
     * ({@code done} or {@code failed}).
     */
    protected Map<String, Object> awaitEnd(String instanceId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var instance = history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult();
            if (instance != null && instance.getEndTime() != null) {
                Map<String, Object> variables = new HashMap<>();
                history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).list()
                        .forEach(v -> variables.put(v.getVariableName(), v.getValue()));
                variables.put("$end", instance.getEndActivityId());
                return variables;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + instanceId + " did not end within 60 s");
    }
}
