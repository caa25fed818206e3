package io.pveflow.server.lockdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.flowable.common.engine.api.FlowableIllegalArgumentException;
import org.flowable.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/**
 * Every construct that could reach past the sandbox is refused at deploy, with a 400 naming the element and
 * the rule, through Flowable's REST API and through the engine's Java API alike; nothing is deployed.
 */
class RefusedConstructsTest extends H2ServerTest {

    @Autowired
    RepositoryService repository;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "shell task         | <serviceTask id='step' flowable:type='shell'><extensionElements><flowable:field name='command' stringValue='rm'/></extensionElements></serviceTask> | shell tasks are not allowed",
            "Java class         | <serviceTask id='step' flowable:class='org.example.Evil'/>                                                            | flowable:class 'org.example.Evil'",
            "bean outside list  | <serviceTask id='step' flowable:delegateExpression='${dataSource}'/>                                                   | delegateExpression '${dataSource}'",
            "method on service  | <serviceTask id='step' flowable:expression='${runtimeService.createProcessInstanceQuery()}'/>                      | expressions may only call",
            "groovy script      | <scriptTask id='step' scriptFormat='groovy'><script>1</script></scriptTask>                                           | script format 'groovy' is not allowed",
            "camel task         | <serviceTask id='step' flowable:type='camel'/>                                                                        | camel tasks are not allowed",
            "mule task          | <serviceTask id='step' flowable:type='mule'/>                                                                         | mule tasks are not allowed",
            "mail task          | <serviceTask id='step' flowable:type='mail'/>                                                                         | mail tasks are not allowed",
            "http task          | <serviceTask id='step' flowable:type='http'/>                                                                         | HTTP tasks are not allowed for this cluster",
            "class listener     | <userTask id='step'><extensionElements><flowable:executionListener event='start' class='org.example.Spy'/></extensionElements></userTask> | flowable:class 'org.example.Spy'",
            "task listener bean | <userTask id='step'><extensionElements><flowable:taskListener event='create' delegateExpression='${environment}'/></extensionElements></userTask> | delegateExpression '${environment}'",
            "groovy listener    | <userTask id='step'><extensionElements><flowable:executionListener event='start' type='script'><flowable:script language='groovy'>1</flowable:script></flowable:executionListener></extensionElements></userTask> | must be javascript, not 'groovy'",
    })
    void refusesOnEveryWayIn(String name, String step, String rule) {
        byte[] bpmn = Bpmn.oneStep("refused", step.replace('\'', '"'));
        int before = deploymentCount();

        TestHttp.Response rest = admin().postFile("/process-api/repository/deployments", "refused.bpmn20.xml", bpmn,
                Map.of("tenantId", "lockdown"));
        assertThat(rest.status()).as(rest.body()).isEqualTo(400);
        assertThat(rest.body()).contains("element 'step'").contains(rule);

        assertThatThrownBy(() -> repository.createDeployment().tenantId("lockdown")
                .addBytes("refused.bpmn20.xml", bpmn).deploy())
                .isInstanceOf(FlowableIllegalArgumentException.class)
                .hasMessageContaining("element 'step'").hasMessageContaining(rule);

        assertThat(deploymentCount()).as("nothing deployed").isEqualTo(before);
    }

    @Test
    void refusesAConditionInAnotherScriptLanguage() {
        byte[] bpmn = Bpmn.process("groovyCondition", """
                <startEvent id="start"/>
                <sequenceFlow id="cond" sourceRef="start" targetRef="end">
                  <conditionExpression xsi:type="tFormalExpression" language="groovy">true</conditionExpression>
                </sequenceFlow>
                <endEvent id="end"/>""");
        assertThatThrownBy(() -> repository.createDeployment().addBytes("c.bpmn20.xml", bpmn).deploy())
                .hasMessageContaining("element 'cond': condition language 'groovy' is not allowed");
    }

    @Test
    void allowsTheHttpTaskWhereAnAdminAllowedItForTheCluster() {
        TestHttp.Response cluster = admin().postJson("/api/clusters", Map.of("id", "with-http", "endpoints", List.of("pve1"),
                "tokenId", "a@pve!b", "tokenSecret", "s", "tls", Map.of("mode", "system"), "allowHttpTask", true));
        assertThat(cluster.status()).as(cluster.body()).isEqualTo(201);
        assertThat(cluster.json().path("allowHttpTask").asBoolean()).isTrue();
        byte[] bpmn = Bpmn.oneStep("httpAllowed", """
                <serviceTask id="step" flowable:type="http"><extensionElements>
                  <flowable:field name="requestMethod"><flowable:string>GET</flowable:string></flowable:field>
                  <flowable:field name="requestUrl"><flowable:string>https://example.invalid/</flowable:string></flowable:field>
                </extensionElements></serviceTask>""");
        TestHttp.Response allowed = admin().postFile("/process-api/repository/deployments", "h.bpmn20.xml", bpmn,
                Map.of("tenantId", "with-http"));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(201);
        TestHttp.Response elsewhere = admin().postFile("/process-api/repository/deployments", "h.bpmn20.xml", bpmn,
                Map.of("tenantId", "demo"));
        assertThat(elsewhere.status()).isEqualTo(400);
        admin().delete("/process-api/repository/deployments/" + allowed.json().path("id").asText());
        admin().delete("/api/clusters/with-http");
    }

    @Test
    void acceptsJavaScriptEverywhereAndTheExecutionInExpressions() {
        byte[] bpmn = Bpmn.oneStep("fine", """
                <serviceTask id="step" flowable:expression="${execution.setVariable('done', true)}">
                  <extensionElements>
                    <flowable:executionListener event="start" type="script"><flowable:script language="javascript">execution.setVariable('seen', 1)</flowable:script></flowable:executionListener>
                  </extensionElements>
                </serviceTask>""");
        TestHttp.Response response = admin().postFile("/process-api/repository/deployments", "fine.bpmn20.xml", bpmn,
                Map.of("tenantId", "lockdown"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private int deploymentCount() {
        return admin().get("/process-api/repository/deployments?size=1").json().path("total").asInt();
    }
}
