package io.pveflow.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/** Every user action lands in the audit log with who, what and from where, never with a secret. */
class AuditLogTest extends H2ServerTest {

    private static final String SECRET = "audit-test-token-secret-0042";

    private JsonNode entries(String query) {
        TestHttp.Response response = admin().get("/api/audit?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void recordsClusterChangesDeploymentsStartsAndTasksWithTheActor() {
        assertThat(admin().postJson("/api/clusters", Map.of("id", "audited", "endpoints", List.of("pve1"),
                "tokenId", "a@pve!b", "tokenSecret", SECRET, "tls", Map.of("mode", "system"))).status()).isEqualTo(201);
        JsonNode added = entries("action=cluster-add&clusterId=audited");
        assertThat(added.size()).isEqualTo(1);
        assertThat(added.get(0).path("actor").asText()).isEqualTo("admin");
        assertThat(added.get(0).path("remoteAddr").asText()).isEqualTo("127.0.0.1");

        byte[] bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
                  <process id="audited" isExecutable="true">
                    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="ok"/>
                    <userTask id="ok" name="Approve"/><sequenceFlow id="f2" sourceRef="ok" targetRef="e"/><endEvent id="e"/>
                  </process>
                </definitions>""".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(admin().postFile("/process-api/repository/deployments", "audited.bpmn20.xml", bpmn,
                Map.of("tenantId", "audited")).status()).isEqualTo(201);
        TestHttp.Response started = admin().postJson("/process-api/runtime/process-instances",
                Map.of("processDefinitionKey", "audited", "tenantId", "audited"));
        String runId = started.json().path("id").asText();
        String taskId = admin().get("/process-api/runtime/tasks?processInstanceId=" + runId).json().path("data").get(0).path("id").asText();
        admin().postJson("/process-api/runtime/tasks/" + taskId, Map.of("action", "complete"));

        JsonNode all = entries("clusterId=audited&actor=admin");
        assertThat(all.findValuesAsText("action")).contains("cluster-add", "deploy", "start", "complete-task");
        assertThat(all.toString()).contains(runId).doesNotContain(SECRET);

        assertThat(admin().delete("/api/clusters/audited").status()).as("the run has ended").isEqualTo(204);
        assertThat(entries("action=cluster-remove&clusterId=audited").size()).isEqualTo(1);
    }

    @Test
    void isForAdminsOnly() {
        assertThat(userWithRole("OPERATOR").get("/api/audit").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/audit").status()).isEqualTo(401);
    }
}
