package io.pveflow.server.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/**
 * Drafts carry their forms over real HTTP: saved beside the BPMN, checked and deployed with it at publish, kept per
 * version, carried by restore-draft and library copies, and what the inbox shows for a task of the run.
 */
class DraftFormsTest extends H2ServerTest {

    private static final String CLUSTER = "drafting-forms";
    private static final String BASE = "/api/clusters/" + CLUSTER + "/processes";

    static String form(String id, String label) {
        return """
                {"id": "%s", "type": "default", "components": [
                  {"type": "textfield", "key": "reason", "label": "%s", "validate": {"required": true}}
                ]}""".formatted(id, label);
    }

    static String process(String key, String formKey) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://pveflow.io/test">
                  <process id="%s" name="With a form" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="ask"/>
                    <userTask id="ask" name="Give a reason" flowable:formKey="%s" flowable:candidateGroups="form-fillers"/>
                    <sequenceFlow id="f2" sourceRef="ask" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """.formatted(key, formKey);
    }

    @Autowired
    RepositoryService repository;

    @BeforeEach
    void cluster() {
        ProcessDocuments.cluster(this, CLUSTER);
    }

    private TestHttp operator() {
        return userWithRole("OPERATOR");
    }

    private TestHttp filler() {
        String password = "filler-password-42";
        if (admin().get("/api/users/filler").status() == 404) {
            TestHttp.Response created = admin().postJson("/api/users", Map.of("username", "filler", "password", password,
                    "roles", Set.of("OPERATOR"), "groups", Set.of("form-fillers")));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        return TestHttp.basic(baseUrl(), "filler", password);
    }

    private static TestHttp.Response ok(TestHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static TestHttp.Response putForm(TestHttp who, String path, String json) {
        return who.send(who.request(path).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }

    private void create(TestHttp who, String key, String formKey) {
        ok(who.postJson(BASE, Map.of("key", key, "xml", process(key, formKey))), 201);
    }

    /** Starts a run, answers the task detail the inbox shows for its user task. */
    private JsonNode runAndOpenTask(String key) {
        String runId = ok(operator().postJson("/api/executions", Map.of("clusterId", CLUSTER, "processKey", key)), 201)
                .json().path("id").asText();
        JsonNode items = ok(filler().get("/api/tasks?cluster=" + CLUSTER), 200).json().path("items");
        String taskId = null;
        for (JsonNode item : items) {
            if (runId.equals(item.path("processInstanceId").asText())) {
                taskId = item.path("id").asText();
            }
        }
        assertThat(taskId).as("the run's task in " + items).isNotNull();
        return ok(filler().get("/api/tasks/" + taskId), 200).json();
    }

    @Test
    void aDraftsFormIsPublishedWithItAndIsWhatTheTaskShows() {
        TestHttp operator = operator();
        create(operator, "withForm", "reasonForm");

        JsonNode saved = ok(putForm(operator, BASE + "/withForm/draft/forms/reasonForm", form("reasonForm", "Why?")), 200).json();
        assertThat(saved.path("id").asText()).isEqualTo("reasonForm");
        assertThat(saved.path("updatedBy").asText()).isNotBlank();
        JsonNode draft = ok(operator.get(BASE + "/withForm/draft"), 200).json();
        assertThat(draft.path("forms").findValuesAsText("id")).containsExactly("reasonForm");
        assertThat(ok(operator.get(BASE + "/withForm/draft/forms/reasonForm"), 200).json().path("components").get(0)
                .path("label").asText()).isEqualTo("Why?");
        assertThat(ok(operator.get(BASE + "/withForm/draft/problems"), 200).json().toString()).doesNotContain("form-key");

        JsonNode published = ok(operator.postJson(BASE + "/withForm/publish", Map.of("comment", "v1")), 201).json();
        assertThat(published.path("version").asInt()).isEqualTo(1);
        JsonNode details = ok(operator.get(BASE + "/withForm"), 200).json();
        assertThat(details.path("versions").get(0).path("forms").toString()).isEqualTo("[\"reasonForm\"]");
        assertThat(ok(operator.get(BASE + "/withForm/versions/1/forms/reasonForm"), 200).json().path("id").asText())
                .isEqualTo("reasonForm");
        assertThat(ok(operator.get(BASE + "/withForm/versions/1/forms/nothing"), 404).body()).contains("no form 'nothing'");
        // the XML export is the BPMN alone, as before
        assertThat(ok(operator.get(BASE + "/withForm/versions/1/xml"), 200).body()).contains("flowable:formKey=\"reasonForm\"");

        JsonNode task = runAndOpenTask("withForm");
        assertThat(task.path("form").path("id").asText()).isEqualTo("reasonForm");
        assertThat(task.path("form").path("components").get(0).path("label").asText()).isEqualTo("Why?");
        // and the server validates against that form
        String taskId = task.path("task").path("id").asText();
        assertThat(ok(filler().postJson("/api/tasks/" + taskId + "/complete", Map.of("values", Map.of())), 400)
                .json().path("errors").path("reason").asText()).contains("is required");
        ok(filler().postJson("/api/tasks/" + taskId + "/complete", Map.of("values", Map.of("reason", "because"))), 200);
    }

    @Test
    void aLibraryCopyTakesTheTemplatesFormsAlong() {
        // a library template (default tenant) deployed with its form; "zz" keeps it after the shipped ones
        repository.createDeployment().name("zzLibraryWithForm")
                .addString("zzLibraryWithForm.bpmn20.xml", process("zzLibraryWithForm", "libraryForm"))
                .addString("libraryForm.form", form("libraryForm", "From the library")).deploy();
        TestHttp operator = operator();
        JsonNode copied = ok(operator.postJson(BASE + "/from-library", Map.of("libraryKey", "zzLibraryWithForm",
                "key", "copiedWithForm")), 201).json();
        assertThat(copied.path("forms").findValuesAsText("id")).containsExactly("libraryForm");
        assertThat(ok(operator.get(BASE + "/copiedWithForm/draft/forms/libraryForm"), 200).body()).contains("From the library");
        ok(operator.postJson(BASE + "/copiedWithForm/publish", Map.of()), 201);
        assertThat(runAndOpenTask("copiedWithForm").path("form").path("id").asText()).isEqualTo("libraryForm");
    }

    @Test
    void anUnknownFormKeyIsRefusedAtPublishNamingTheTask() {
        TestHttp operator = operator();
        create(operator, "missingForm", "nowhere");
        ok(putForm(operator, BASE + "/missingForm/draft/forms/otherForm", form("otherForm", "Other")), 200);
        TestHttp.Response refused = ok(operator.postJson(BASE + "/missingForm/publish", Map.of()), 400);
        JsonNode problem = null;
        for (JsonNode p : refused.json().path("problems")) {
            if ("form-key".equals(p.path("rule").asText())) {
                problem = p;
            }
        }
        assertThat(problem).as(refused.body()).isNotNull();
        assertThat(problem.path("elementId").asText()).isEqualTo("ask");
        assertThat(problem.path("message").asText()).contains("formKey 'nowhere'").contains("otherForm");
        assertThat(ok(operator.get(BASE + "/missingForm/draft/problems"), 200).body()).contains("formKey 'nowhere'");
        assertThat(ok(operator.get(BASE + "/missingForm"), 200).json().path("versions").size()).isZero();
    }

    @Test
    void badFormsAreRefusedWhenSaved() {
        TestHttp operator = operator();
        create(operator, "badForms", "pveflow:approval");
        String path = BASE + "/badForms/draft/forms/";
        assertThat(ok(putForm(operator, path + "a", "{\"id\": \"a\", "), 400).json().path("errors").path("form").asText())
                .contains("not valid JSON");
        assertThat(ok(putForm(operator, path + "a", form("b", "B")), 400).json().path("errors").path("id").asText())
                .contains("'b' is not 'a'");
        assertThat(ok(putForm(operator, path + "a", form("a", "A").replace("textfield", "filepicker")), 400)
                .json().path("errors").path("form").asText()).contains("filepicker");
        assertThat(ok(putForm(operator, path + "pveflow:approval", form("pveflow:approval", "A")), 400)
                .json().path("errors").path("form").asText()).contains("built-in approval form");
        assertThat(ok(putForm(userWithRole("VIEWER"), path + "a", form("a", "A")), 403).status()).isEqualTo(403);
        assertThat(ok(operator.delete(path + "a"), 404).body()).contains("no form 'a'");
        ok(putForm(operator, path + "a", form("a", "A")), 200);
        ok(operator.delete(path + "a"), 204);
        assertThat(ok(operator.get(BASE + "/badForms/draft"), 200).json().path("forms").size()).isZero();
        // without a draft there is nothing to add a form to
        ok(operator.postJson(BASE + "/badForms/publish", Map.of()), 201);
        assertThat(ok(putForm(operator, path + "a", form("a", "A")), 409).body()).contains("no draft");
    }

    @Test
    void versionsKeepTheirOwnFormsAndDraftsStartFromThem() {
        TestHttp operator = operator();
        create(operator, "versioned", "reasonForm");
        String formPath = BASE + "/versioned/draft/forms/reasonForm";
        ok(putForm(operator, formPath, form("reasonForm", "First")), 200);
        ok(operator.postJson(BASE + "/versioned/publish", Map.of()), 201);

        // no draft now: GET draft shows the current version with its forms; a save at revision 0 takes them along
        JsonNode shown = ok(operator.get(BASE + "/versioned/draft"), 200).json();
        assertThat(shown.path("revision").asLong()).isZero();
        assertThat(shown.path("forms").findValuesAsText("id")).containsExactly("reasonForm");
        assertThat(ok(operator.get(formPath), 200).body()).contains("First");
        ok(operator.putJson(BASE + "/versioned/draft", Map.of("xml", shown.path("xml").asText(), "revision", 0)), 200);
        assertThat(ok(operator.get(formPath), 200).body()).contains("First");
        ok(putForm(operator, formPath, form("reasonForm", "Second")), 200);
        ok(operator.postJson(BASE + "/versioned/publish", Map.of()), 201);

        assertThat(ok(operator.get(BASE + "/versioned/versions/1/forms/reasonForm"), 200).body()).contains("First");
        assertThat(ok(operator.get(BASE + "/versioned/versions/2/forms/reasonForm"), 200).body()).contains("Second");
        assertThat(runAndOpenTask("versioned").path("form").path("components").get(0).path("label").asText())
                .isEqualTo("Second");

        // restoring version 1 brings back its form, replacing the draft's
        JsonNode restored = ok(operator.postJson(BASE + "/versioned/versions/1/restore-draft", Map.of()), 200).json();
        assertThat(restored.path("forms").findValuesAsText("id")).containsExactly("reasonForm");
        assertThat(ok(operator.get(formPath), 200).body()).contains("First");
        // dropping the draft drops its forms; the versions keep theirs
        ok(operator.delete(BASE + "/versioned/draft"), 204);
        assertThat(ok(operator.get(BASE + "/versioned/versions/2/forms/reasonForm"), 200).body()).contains("Second");
        assertThat(ok(operator.get(formPath), 200).body()).as("the current version's form").contains("Second");
        List<String> audited = admin().get("/api/audit?clusterId=" + CLUSTER + "&action=process-draft-form-saved")
                .json().findValuesAsText("details");
        assertThat(audited).anyMatch(d -> d.contains("form=reasonForm"));
    }
}
