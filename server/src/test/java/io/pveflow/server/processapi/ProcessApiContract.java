package io.pveflow.server.processapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pveflow.server.testing.TestHttp;

/**
 * Flowable's REST API at /process-api, over real HTTP against the running application, on whichever database
 * the implementing class runs: deploy under a tenant, start, work the task, find the run in history; refuse
 * bad documents with a 400 that says what is wrong, deploying nothing.
 */
public interface ProcessApiContract {

    TestHttp admin();

    TestHttp anonymous();

    @Test
    default void deploysStartsCompletesAndFindsTheRunInHistory() {
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        TestHttp.Response deployed = admin().postFile("/process-api/repository/deployments", "approval.bpmn20.xml",
                resource("approval.bpmn20.xml"), Map.of("tenantId", tenant));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        assertThat(deployed.json().path("tenantId").asText()).isEqualTo(tenant);

        JsonNode definitions = admin().get("/process-api/repository/process-definitions?key=approval&tenantId=" + tenant).json();
        assertThat(definitions.path("total").asInt()).isEqualTo(1);

        TestHttp.Response started = admin().postJson("/process-api/runtime/process-instances", Map.of(
                "processDefinitionKey", "approval", "tenantId", tenant, "businessKey", "order-42",
                "variables", List.of(Map.of("name", "vmid", "value", 101))));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String instanceId = started.json().path("id").asText();
        assertThat(started.json().path("tenantId").asText()).isEqualTo(tenant);

        JsonNode tasks = admin().get("/process-api/runtime/tasks?processInstanceId=" + instanceId).json();
        assertThat(tasks.path("total").asInt()).isEqualTo(1);
        String taskId = tasks.path("data").get(0).path("id").asText();
        TestHttp.Response completed = admin().postJson("/process-api/runtime/tasks/" + taskId, Map.of("action", "complete"));
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);

        JsonNode history = admin().get("/process-api/history/historic-process-instances?processInstanceId=" + instanceId).json();
        assertThat(history.path("total").asInt()).isEqualTo(1);
        JsonNode run = history.path("data").get(0);
        assertThat(run.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(run.path("businessKey").asText()).isEqualTo("order-42");
        assertThat(run.path("startUserId").asText()).as("who started it comes from the signed-in user").isEqualTo("admin");
        assertThat(run.hasNonNull("endTime")).as("the run has ended").isTrue();

        JsonNode activities = admin().get("/process-api/history/historic-activity-instances?processInstanceId=" + instanceId
                + "&activityId=approve").json();
        assertThat(activities.path("total").asInt()).isEqualTo(1);
        JsonNode variables = admin().get("/process-api/history/historic-variable-instances?processInstanceId=" + instanceId
                + "&variableName=vmid").json();
        assertThat(variables.path("data").get(0).path("variable").path("value").asInt()).isEqualTo(101);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed.bpmn20.xml       | is not well-formed XML at line 5",
            "xxe.bpmn20.xml             | DOCTYPE declarations are not allowed",
            "billion-laughs.bpmn20.xml  | DOCTYPE declarations are not allowed",
            "not-bpmn.bpmn20.xml        | not a BPMN 2.0 document: the root element is {http://maven.apache.org/POM/4.0.0}project",
            "invalid-process.bpmn20.xml | missingTask",
    })
    default void refusesBadDocumentsWithAClearMessageAndDeploysNothing(String document, String expectedMessage) {
        int before = deploymentCount();
        TestHttp.Response response = admin().postFile("/process-api/repository/deployments", document,
                resource(document), Map.of("tenantId", "bad-input"));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(document).contains(expectedMessage);
        assertThat(response.body()).doesNotContain("root:x:0:0");
        assertThat(deploymentCount()).isEqualTo(before);
    }

    @Test
    default void refusesAnUploadOverTheSizeLimitAndDeploysNothing() {
        int before = deploymentCount();
        byte[] big = ("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><!--"
                + "x".repeat(1_200_000) + "--></definitions>").getBytes(StandardCharsets.UTF_8);
        TestHttp.Response response = admin().postFile("/process-api/repository/deployments", "big.bpmn20.xml", big,
                Map.of("tenantId", "bad-input"));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("larger than").contains("pveflow.deployments.max-upload-size");
        assertThat(deploymentCount()).isEqualTo(before);
    }

    @Test
    default void answersUnauthenticatedRequestsWith401AndNoData() {
        for (String path : List.of("/process-api/repository/deployments", "/process-api/runtime/process-instances",
                "/process-api/history/historic-process-instances", "/process-api/runtime/tasks",
                "/process-api/management/jobs")) {
            TestHttp.Response response = anonymous().get(path);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).doesNotContain("\"data\"");
        }
        TestHttp.Response deploy = anonymous().postFile("/process-api/repository/deployments", "approval.bpmn20.xml",
                resource("approval.bpmn20.xml"), Map.of());
        assertThat(deploy.status()).isEqualTo(401);
    }

    private int deploymentCount() {
        return admin().get("/process-api/repository/deployments?size=1").json().path("total").asInt();
    }

    static byte[] resource(String name) {
        try (InputStream in = ProcessApiContract.class.getResourceAsStream("/bpmn/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource /bpmn/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
