package io.pveflow.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.Test;

import io.pveflow.server.testing.TestHttp;

/** Forms deployed with their process, checked at deploy time, and submitted values validated by the server. */
class TaskFormsTest extends ApprovalTestSupport {

    static final String FORM = """
            {"id": "resizeForm", "type": "default", "schemaVersion": 16, "components": [
              {"type": "text", "text": "# Resize a guest"},
              {"type": "number", "key": "cores", "label": "Cores", "validate": {"required": true, "min": 1, "max": 16}},
              {"type": "textfield", "key": "reason", "label": "Reason",
               "validate": {"required": true, "minLength": 5, "maxLength": 200, "pattern": "^[A-Z]"}},
              {"type": "select", "key": "size", "label": "Disk", "values": [{"label": "Small", "value": "small"},
                                                                        {"label": "Large", "value": "large"}]},
              {"type": "group", "components": [
                {"type": "checkbox", "key": "confirm", "label": "Confirmed", "validate": {"required": true}},
                {"type": "datetime", "key": "when", "subtype": "date", "dateLabel": "When"},
                {"type": "textfield", "key": "contact", "label": "Contact", "validate": {"validationType": "email"}}
              ]},
              {"type": "button", "action": "submit", "label": "Submit"}
            ]}
            """;

    static String process(String key, String formKey) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://pveflow.io/test">
                  <process id="%s" name="Resize" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="resize"/>
                    <userTask id="resize" name="Resize details" flowable:formKey="%s" flowable:candidateUsers="alice"/>
                    <sequenceFlow id="f2" sourceRef="resize" targetRef="plain"/>
                    <userTask id="plain" name="Acknowledge" flowable:candidateUsers="alice"/>
                    <sequenceFlow id="f3" sourceRef="plain" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """.formatted(key, formKey);
    }

    static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    TestHttp.Response deploy(String cluster, String name, Map<String, String> entries) throws IOException {
        return admin().postFile("/process-api/repository/deployments", name + ".zip", zip(entries), Map.of("tenantId", cluster));
    }

    @Test
    void aDeploymentWhoseFormsDoNotResolveOrParseIsRefusedWithTheReason() throws Exception {
        String cluster = cluster("forms-bad");
        TestHttp.Response missing = deploy(cluster, "missing", Map.of("resize.bpmn20.xml", process("resizeMissing", "resizeForm")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("user task 'resize'").contains("formKey 'resizeForm' names no form of the deployment");

        TestHttp.Response broken = deploy(cluster, "broken", Map.of("resize.bpmn20.xml", process("resizeBroken", "resizeForm"),
                "resize.form", FORM.replace("\"type\": \"select\"", "\"type\": \"filepicker\"")));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body()).contains("Form resource 'resize.form'").contains("component type 'filepicker' is not supported");

        TestHttp.Response notJson = deploy(cluster, "notjson", Map.of("resize.bpmn20.xml", process("resizeNotJson", "resizeForm"),
                "resize.form", "{\"id\": \"resizeForm\", "));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body()).contains("Form resource 'resize.form' is not usable: not valid JSON");

        TestHttp.Response badKey = deploy(cluster, "badkey", Map.of("resize.bpmn20.xml", process("resizeBadKey", "resizeForm"),
                "resize.form", FORM.replace("\"key\": \"cores\"", "\"key\": \"a.b\"")));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.body()).contains("\\\"key\\\" must be a variable name").contains("'a.b'");

        assertThat(repository.createProcessDefinitionQuery().processDefinitionTenantId(cluster).count())
                .as("nothing deployed").isZero();
    }

    @Test
    void submittedValuesAreCheckedAgainstTheFormOnTheServer() throws Exception {
        String cluster = cluster("forms-ok");
        TestHttp.Response deployed = deploy(cluster, "resize", Map.of("resize.bpmn20.xml", process("resizeGuest", "resizeForm"),
                "forms/resize.form", FORM));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        String runId = startAs("dave", cluster, "resizeGuest", Map.of()).getId();
        Task task = taskService.createTaskQuery().processInstanceId(runId).singleResult();

        JsonNode detail = alice().get("/api/tasks/" + task.getId()).json();
        assertThat(detail.path("form").path("id").asText()).isEqualTo("resizeForm");
        assertThat(detail.path("form").path("components").size()).isEqualTo(6);
        assertThat(detail.path("task").path("approval").asBoolean()).isFalse();

        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("cores", 64);
        bad.put("reason", "no");
        bad.put("size", "huge");
        bad.put("confirm", "yes");
        bad.put("when", "tomorrow");
        bad.put("contact", "not-an-address");
        bad.put("sneaky", "value");
        TestHttp.Response refused = alice().postJson("/api/tasks/" + task.getId() + "/complete", Map.of("values", bad));
        assertThat(refused.status()).isEqualTo(400);
        JsonNode errors = refused.json().path("errors");
        assertThat(errors.path("cores").asText()).isEqualTo("Cores (cores) must be at most 16");
        assertThat(errors.path("reason").asText()).contains("at least 5 characters");
        assertThat(errors.path("size").asText()).contains("must be one of [small, large], got 'huge'");
        assertThat(errors.path("confirm").asText()).contains("true or false");
        assertThat(errors.path("when").asText()).contains("ISO-8601 date");
        assertThat(errors.path("contact").asText()).contains("e-mail");
        assertThat(errors.path("sneaky").asText()).contains("is not a field of form 'resizeForm'");

        TestHttp.Response missing = alice().postJson("/api/tasks/" + task.getId() + "/complete", Map.of("values", Map.of()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").path("cores").asText()).isEqualTo("Cores (cores) is required");
        assertThat(missing.json().path("errors").path("reason").asText()).isEqualTo("Reason (reason) is required");
        assertThat(missing.json().path("errors").path("confirm").asText()).isEqualTo("Confirmed (confirm) is required");
        TestHttp.Response pattern = alice().postJson("/api/tasks/" + task.getId() + "/complete",
                Map.of("values", Map.of("cores", 2, "reason", "lowercase start", "confirm", true)));
        assertThat(pattern.json().path("errors").path("reason").asText()).contains("must match the pattern ^[A-Z]");

        Map<String, Object> good = new LinkedHashMap<>();
        good.put("cores", "4");
        good.put("reason", "More load after the migration");
        good.put("size", "large");
        good.put("confirm", true);
        good.put("when", "2026-12-01");
        TestHttp.Response done = alice().postJson("/api/tasks/" + task.getId() + "/complete", Map.of("values", good));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(runtime.getVariable(runId, "cores")).isEqualTo(4L);
        assertThat(runtime.getVariable(runId, "size")).isEqualTo("large");
        assertThat(runtime.getVariable(runId, "confirm")).isEqualTo(Boolean.TRUE);

        // A task without a form takes no values.
        Task plain = taskService.createTaskQuery().processInstanceId(runId).singleResult();
        assertThat(plain.getTaskDefinitionKey()).isEqualTo("plain");
        TestHttp.Response withValues = alice().postJson("/api/tasks/" + plain.getId() + "/complete",
                Map.of("values", Map.of("x", 1)));
        assertThat(withValues.status()).isEqualTo(400);
        assertThat(withValues.json().path("errors").path("values").asText()).contains("takes no values");
        assertThat(alice().postJson("/api/tasks/" + plain.getId() + "/complete", Map.of()).status()).isEqualTo(200);
        assertThat(endedAt(runId, java.time.Duration.ofSeconds(30))).isEqualTo("end");
    }

    @Test
    void usersCarryGroupsThatMustBeValid() {
        alice();
        JsonNode listed = admin().get("/api/users/alice").json();
        assertThat(listed.path("groups").toString()).isEqualTo("[\"approvers\"]");
        assertThat(alice().get("/api/me").json().path("groups").toString()).isEqualTo("[\"approvers\"]");
        TestHttp.Response bad = admin().postJson("/api/users", Map.of("username", "grouper", "password", "grouper-password-1",
                "roles", List.of("VIEWER"), "groups", List.of("has space")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").path("groups").asText()).contains("'has space'");
        TestHttp.Response changed = admin().putJson("/api/users/alice", Map.of("groups", List.of("approvers", "ops")));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("groups").toString()).isEqualTo("[\"approvers\",\"ops\"]");
        assertThat(admin().putJson("/api/users/alice", Map.of("groups", List.of("approvers"))).status()).isEqualTo(200);
        assertThat(admin().get("/api/users").json().toString()).contains("\"groups\"");
    }
}
