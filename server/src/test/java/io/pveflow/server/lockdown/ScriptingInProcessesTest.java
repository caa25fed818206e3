package io.pveflow.server.lockdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.server.testing.H2ServerTest;

/** JavaScript in real processes: script tasks, conditions, BPMN errors, failures; locked-down ${...}. */
class ScriptingInProcessesTest extends H2ServerTest {

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @Autowired
    ManagementService management;

    private void deploy(String name, byte[] bpmn) {
        repository.createDeployment().tenantId("scripts").addBytes(name + ".bpmn20.xml", bpmn).deploy();
    }

    private Map<String, Object> variablesOf(String instanceId) {
        Map<String, Object> values = new java.util.HashMap<>();
        history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).list()
                .forEach(v -> values.put(v.getVariableName(), v.getValue()));
        return values;
    }

    @Test
    void runsScriptTasksThatReadAndSetVariables() {
        deploy("script-task", Bpmn.oneStep("scriptTask", """
                <scriptTask id="step" scriptFormat="javascript" flowable:resultVariable="summary"><script><![CDATA[
                  const selected = guests.filter(g => g.tags.includes(tag)).map(g => g.vmid);
                  execution.setVariable('selected', selected);
                  execution.setVariable('snapname', 'auto-' + pveflow.formatDate('2026-05-01T10:20:00Z', 'YYYYMMDD-HHmm'));
                  ({count: selected.length, bytes: pveflow.parseSize('10G')})
                ]]></script></scriptTask>"""));
        ProcessInstance run = runtime.startProcessInstanceByKeyAndTenantId("scriptTask", Map.of(
                "tag", "prod",
                "guests", java.util.List.of(Map.of("vmid", 100, "tags", java.util.List.of("prod")),
                        Map.of("vmid", 101, "tags", java.util.List.of("dev")))), "scripts");
        Map<String, Object> variables = variablesOf(run.getId());
        assertThat(variables.get("selected")).isEqualTo(java.util.List.of(100));
        assertThat(variables.get("snapname")).isEqualTo("auto-20260501-1020");
        assertThat(variables.get("summary")).isEqualTo(Map.of("count", 1, "bytes", 10737418240L));
    }

    @Test
    void choosesPathsWithJavaScriptConditions() {
        deploy("js-condition", Bpmn.process("jsCondition", """
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="gw"/>
                <exclusiveGateway id="gw"/>
                <sequenceFlow id="big" sourceRef="gw" targetRef="bigEnd">
                  <conditionExpression xsi:type="tFormalExpression" language="javascript">pveflow.parseSize(size) &gt; pveflow.parseSize('100G')</conditionExpression>
                </sequenceFlow>
                <sequenceFlow id="small" sourceRef="gw" targetRef="smallEnd">
                  <conditionExpression xsi:type="tFormalExpression" language="javascript">pveflow.parseSize(size) &lt;= pveflow.parseSize('100G')</conditionExpression>
                </sequenceFlow>
                <endEvent id="bigEnd"/>
                <endEvent id="smallEnd"/>"""));
        ProcessInstance big = runtime.startProcessInstanceByKeyAndTenantId("jsCondition", Map.of("size", "1T"), "scripts");
        ProcessInstance small = runtime.startProcessInstanceByKeyAndTenantId("jsCondition", Map.of("size", "32G"), "scripts");
        assertThat(endedAt(big.getId())).isEqualTo("bigEnd");
        assertThat(endedAt(small.getId())).isEqualTo("smallEnd");
    }

    @Test
    void letsABoundaryEventCatchABpmnErrorThrownByAScript() {
        deploy("js-bpmn-error", Bpmn.process("jsBpmnError", """
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
                <scriptTask id="check" scriptFormat="javascript"><script>if (vmid &lt; 100) bpmnError('BAD_VMID', 'vmid ' + vmid + ' is reserved')</script></scriptTask>
                <boundaryEvent id="caught" attachedToRef="check"><errorEventDefinition errorRef="BAD_VMID"/></boundaryEvent>
                <sequenceFlow id="f2" sourceRef="check" targetRef="ok"/>
                <sequenceFlow id="f3" sourceRef="caught" targetRef="rejected"/>
                <endEvent id="ok"/>
                <endEvent id="rejected"/>"""));
        assertThat(endedAt(runtime.startProcessInstanceByKeyAndTenantId("jsBpmnError", Map.of("vmid", 5), "scripts").getId()))
                .isEqualTo("rejected");
        assertThat(endedAt(runtime.startProcessInstanceByKeyAndTenantId("jsBpmnError", Map.of("vmid", 500), "scripts").getId()))
                .isEqualTo("ok");
    }

    @Test
    void failsAStepWithTheScriptsMessageLineAndColumn() {
        deploy("js-failure", Bpmn.oneStep("jsFailure", """
                <scriptTask id="step" scriptFormat="javascript"><script>const a = 1;
                  a.b.c</script></scriptTask>"""));
        assertThatThrownBy(() -> runtime.startProcessInstanceByKeyAndTenantId("jsFailure", Map.of(), "scripts"))
                .isInstanceOf(FlowableException.class)
                .hasMessageContaining("Script in 'step' failed at line 2, column 3")
                .hasMessageContaining("TypeError");
    }

    @Test
    void turnsAFailingAsyncScriptIntoAnIncidentThatKeepsTheMessage() throws InterruptedException {
        deploy("js-incident", Bpmn.oneStep("jsIncident", """
                <scriptTask id="step" scriptFormat="javascript" flowable:async="true" flowable:failedJobRetryTimeCycle="R1/PT0S">
                  <script>const vm = guests[0];
                  vm.config.memory</script></scriptTask>"""));
        String id = runtime.startProcessInstanceByKeyAndTenantId("jsIncident",
                Map.of("guests", java.util.List.of(Map.of("vmid", 100))), "scripts").getId();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Job dead = null;
        while (dead == null && Instant.now().isBefore(deadline)) {
            dead = management.createDeadLetterJobQuery().processInstanceId(id).singleResult();
            Thread.sleep(200);
        }
        assertThat(dead).as("the failed step is an incident (dead-letter job)").isNotNull();
        assertThat(dead.getExceptionMessage()).contains("Script in 'step' failed at line 2, column")
                .contains("TypeError");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).count()).as("the run waits, recoverable").isEqualTo(1);
    }

    @Test
    void keepsExpressionsAwayFromServerBeansAndTheRuntime() {
        for (String expression : new String[] {"${dataSource != null}", "${environment != null}",
                "${applicationContext != null}", "${runtimeService != null}"}) {
            String key = "bean" + Math.abs(expression.hashCode());
            deploy(key, conditionProcess(key, expression));
            String bean = expression.substring(2, expression.indexOf(' '));
            assertThatThrownBy(() -> runtime.startProcessInstanceByKeyAndTenantId(key, Map.of(), "scripts"))
                    .as(expression).hasStackTraceContaining("'" + bean + "' is neither a variable of this run nor a bean available to processes");
        }
        for (String expression : new String[] {"${''.getClass().forName('java.lang.Runtime') != null}",
                "${execution.getProcessEngineServices() != null}", "${execution.processEngineServices != null}",
                "${name.getClass() != null}", "${execution.getClass().getClassLoader() != null}"}) {
            String key = "walk" + Math.abs(expression.hashCode());
            deploy(key, conditionProcess(key, expression));
            assertThatThrownBy(() -> runtime.startProcessInstanceByKeyAndTenantId(key, Map.of("name", "x"), "scripts"))
                    .as(expression).hasStackTraceContaining("Process expressions may not");
        }
        deploy("allowed", conditionProcess("allowedExpr",
                "${execution.getVariable('vmid') > 100 && tags.contains('prod') && name.startsWith('web') && execution.tenantId == 'scripts'}"));
        assertThat(endedAt(runtime.startProcessInstanceByKeyAndTenantId("allowedExpr",
                Map.of("vmid", 101, "tags", java.util.List.of("prod"), "name", "web01"), "scripts").getId())).isEqualTo("yes");
    }

    private static byte[] conditionProcess(String key, String expression) {
        return Bpmn.process(key, """
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="gw"/>
                <exclusiveGateway id="gw" default="otherwise"/>
                <sequenceFlow id="when" sourceRef="gw" targetRef="yes">
                  <conditionExpression xsi:type="tFormalExpression"><![CDATA[%s]]></conditionExpression>
                </sequenceFlow>
                <sequenceFlow id="otherwise" sourceRef="gw" targetRef="no"/>
                <endEvent id="yes"/>
                <endEvent id="no"/>""".formatted(expression));
    }

    private String endedAt(String instanceId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).activityType("endEvent")
                .singleResult().getActivityId();
    }
}
