package io.pveflow.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Notification rules end to end: a real run fails or completes, and a signed message arrives. */
class RunNotificationTest extends NotificationTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "rule-webhook-signing-secret-42";

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    private static byte[] process(String id, String step) {
        return ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                             xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://pveflow.io/test">
                  <process id="%s" name="Nightly %s" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="step"/>
                    %s
                    <sequenceFlow id="f2" sourceRef="step" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """.formatted(id, id, step)).getBytes(StandardCharsets.UTF_8);
    }

    private void rule(String cluster, String event, String processKey, String notifier) {
        var created = admin().postJson("/api/clusters/" + cluster + "/notification-rules",
                Map.of("event", event, "processDefinitionKey", processKey, "notifiers", List.of(notifier)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aRunThatFailsTriggersItsRuleAndASignedMessageArrives() throws Exception {
        String cluster = cluster("notify-runs");
        try (Receiver hook = Receiver.start()) {
            addNotifier(cluster, "runs-hook", "webhook", Map.of("url", hook.url() + "/in", "signingSecret", SECRET));
            rule(cluster, "run-failed", "failingBackup", "runs-hook");
            repository.createDeployment().tenantId(cluster).addBytes("failing.bpmn20.xml", process("failingBackup", """
                    <scriptTask id="step" name="Back up guests" scriptFormat="javascript" flowable:async="true"
                                flowable:failedJobRetryTimeCycle="R1/PT0S">
                      <script>throw new Error('storage backup-nfs is offline')</script>
                    </scriptTask>""")).deploy();
            ProcessInstance run = runtime.startProcessInstanceByKeyAndTenantId("failingBackup", "nightly-42", Map.of(), cluster);

            Receiver.Request request = hook.awaitRequests(1, Duration.ofSeconds(60));
            assertThat(WebhookSignature.verify(SECRET, request.header("X-PVEFlow-Signature"), request.body(),
                    Instant.now(), Duration.ofMinutes(5))).isTrue();
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.path("subject").asText()).isEqualTo("[notify-runs] Run of Nightly failingBackup failed");
            assertThat(body.path("origin").asText()).startsWith("rule:");
            JsonNode event = body.path("event");
            assertThat(event.path("type").asText()).isEqualTo("run-failed");
            assertThat(event.path("processDefinitionKey").asText()).isEqualTo("failingBackup");
            assertThat(event.path("processInstanceId").asText()).isEqualTo(run.getId());
            assertThat(event.path("elementId").asText()).isEqualTo("step");
            assertThat(event.path("error").asText()).contains("storage backup-nfs is offline");
            assertThat(body.path("message").asText()).contains("Run: " + run.getId()).contains("Step: Back up guests (step)")
                    .contains("storage backup-nfs is offline");

            JsonNode recorded = awaitDelivery(cluster, d -> d.path("notifier").asText().equals("runs-hook")
                    && d.path("status").asText().equals("DELIVERED"), Duration.ofSeconds(30));
            assertThat(recorded.path("origin").asText()).startsWith("rule:");
        }
    }

    @Test
    void aRunThatCompletesNotifiesOnlyTheRulesForItsProcess() throws Exception {
        String cluster = cluster("notify-done");
        try (Receiver ntfy = Receiver.start()) {
            addNotifier(cluster, "done-ntfy", "ntfy", Map.of("serverUrl", ntfy.url(), "topic", "done"));
            rule(cluster, "run-completed", "quickCheck", "done-ntfy");
            repository.createDeployment().tenantId(cluster)
                    .addBytes("quick.bpmn20.xml", process("quickCheck",
                            "<scriptTask id=\"step\" scriptFormat=\"javascript\"><script>1 + 1</script></scriptTask>"))
                    .addBytes("other.bpmn20.xml", process("otherCheck",
                            "<scriptTask id=\"step\" scriptFormat=\"javascript\"><script>2 + 2</script></scriptTask>"))
                    .deploy();
            runtime.startProcessInstanceByKeyAndTenantId("otherCheck", Map.of(), cluster);
            ProcessInstance run = runtime.startProcessInstanceByKeyAndTenantId("quickCheck", Map.of(), cluster);

            Receiver.Request request = ntfy.awaitRequests(1, Duration.ofSeconds(30));
            assertThat(request.path()).isEqualTo("/done");
            assertThat(request.header("Title")).isEqualTo("[notify-done] Run of Nightly quickCheck completed");
            assertThat(request.body()).contains("Run: " + run.getId());
            // The other process has no rule: no second message follows the first one.
            awaitDelivery(cluster, d -> d.path("status").asText().equals("DELIVERED"), Duration.ofSeconds(30));
            assertThat(ntfy.requests()).hasSize(1);
        }
    }
}
