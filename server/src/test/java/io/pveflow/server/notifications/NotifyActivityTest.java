package io.pveflow.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The {@code notify} activity in a run: the message arrives filled in; a failed delivery is a BPMN error. */
class NotifyActivityTest extends NotificationTestSupport {

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    private String deployAndRun(String cluster, String key, String notifier) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://pveflow.io/test">
                  <process id="%s" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="tell"/>
                    <serviceTask id="tell" flowable:delegateExpression="${notify}">
                      <extensionElements>
                        <flowable:field name="notifier"><flowable:string>%s</flowable:string></flowable:field>
                        <flowable:field name="subject"><flowable:string>Snapshot of {vmid} done</flowable:string></flowable:field>
                        <flowable:field name="message"><flowable:string>js{ 'Guest ' + vmid + ' on ' + node + ' is safe' }</flowable:string></flowable:field>
                      </extensionElements>
                    </serviceTask>
                    <boundaryEvent id="error" attachedToRef="tell"><errorEventDefinition flowable:errorVariableName="error"/></boundaryEvent>
                    <sequenceFlow id="f2" sourceRef="tell" targetRef="done"/>
                    <sequenceFlow id="f3" sourceRef="error" targetRef="failed"/>
                    <endEvent id="done"/>
                    <endEvent id="failed"/>
                  </process>
                </definitions>""".formatted(key, notifier);
        repository.createDeployment().tenantId(cluster).addBytes(key + ".bpmn20.xml", bpmn.getBytes(StandardCharsets.UTF_8)).deploy();
        return runtime.startProcessInstanceByKeyAndTenantId(key, Map.of("vmid", 101, "node", "pve2"), cluster).getId();
    }

    private Map<String, Object> ended(String id) {
        Map<String, Object> vars = new HashMap<>();
        history.createHistoricVariableInstanceQuery().processInstanceId(id).list().forEach(v -> vars.put(v.getVariableName(), v.getValue()));
        vars.put("$end", history.createHistoricActivityInstanceQuery().processInstanceId(id).activityType("endEvent")
                .singleResult().getActivityId());
        return vars;
    }

    @Test
    void sendsTheFilledInMessageAndRecordsTheDelivery() throws Exception {
        String cluster = cluster("notify-step");
        try (Receiver hook = Receiver.start()) {
            addNotifier(cluster, "ops-hook", "webhook", Map.of("url", hook.url() + "/in", "signingSecret", "notify-step-secret-123456"));
            String id = deployAndRun(cluster, "notifyOk", "ops-hook");
            JsonNode body = new ObjectMapper().readTree(hook.awaitRequests(1, Duration.ofSeconds(30)).body());
            assertThat(body.path("subject").asText()).isEqualTo("Snapshot of 101 done");
            assertThat(body.path("message").asText()).isEqualTo("Guest 101 on pve2 is safe");
            Map<String, Object> vars = ended(id);
            assertThat(vars.get("$end")).isEqualTo("done");
            assertThat(((Map<?, ?>) vars.get("notification")).get("status")).isEqualTo("DELIVERED");
        }
    }

    @Test
    void raisesNotifyFailedWhenTheNotifierIsUnknown() {
        String cluster = cluster("notify-step");
        Map<String, Object> vars = ended(deployAndRun(cluster, "notifyMissing", "nobody-home"));
        assertThat(vars.get("$end")).isEqualTo("failed");
        assertThat(vars.get("error")).isEqualTo("NOTIFY_FAILED");
    }
}
