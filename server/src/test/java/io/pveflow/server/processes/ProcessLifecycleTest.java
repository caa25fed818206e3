package io.pveflow.server.processes;

import static io.pveflow.server.processes.ProcessDocuments.approval;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/** The lifecycle of a cluster's process over real HTTP: draft, publish, versions, current, archive, access. */
class ProcessLifecycleTest extends H2ServerTest {

    private static final String CLUSTER = "lifecycle";
    private static final String BASE = "/api/clusters/" + CLUSTER + "/processes";

    @Autowired
    CurrentVersions currentVersions;

    @Autowired
    RepositoryService repository;

    @BeforeEach
    void clusters() {
        ProcessDocuments.cluster(this, CLUSTER);
        ProcessDocuments.cluster(this, "elsewhere");
    }

    private TestHttp operator() {
        return userWithRole("OPERATOR");
    }

    private static TestHttp.Response ok(TestHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    private long save(TestHttp who, String key, String xml, long revision) {
        return ok(who.putJson(BASE + "/" + key + "/draft", Map.of("xml", xml, "revision", revision)), 200)
                .json().path("revision").asLong();
    }

    @Test
    void draftSavesAreOptimisticallyLocked() {
        TestHttp operator = operator();
        JsonNode created = ok(operator.postJson(BASE, Map.of("key", "drafting", "name", "Drafting")), 201).json();
        assertThat(created.path("status").asText()).isEqualTo("draft-only");
        assertThat(created.path("draft").path("revision").asLong()).isEqualTo(1);
        JsonNode draft = ok(operator.get(BASE + "/drafting/draft"), 200).json();
        assertThat(draft.path("xml").asText()).contains("id=\"drafting\"").contains("name=\"Drafting\"");

        long second = save(operator, "drafting", approval("drafting", "Drafting", ""), 1);
        assertThat(second).isEqualTo(2);
        // a second tab still at revision 1 must not overwrite revision 2 silently
        TestHttp.Response stale = operator.putJson(BASE + "/drafting/draft",
                Map.of("xml", approval("drafting", "Other tab", ""), "revision", 1));
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().path("message").asText()).contains("revision 1").contains("at 2");
        assertThat(ok(operator.get(BASE + "/drafting/draft"), 200).json().path("xml").asText()).doesNotContain("Other tab");

        assertThat(ok(operator.putJson(BASE + "/drafting/draft", Map.of("xml", "<definitions", "revision", 2)), 400)
                .json().path("message").asText()).contains("not well-formed");
        assertThat(ok(operator.putJson(BASE + "/drafting/draft", Map.of("xml", approval("renamed", "x", ""), "revision", 2)), 400)
                .json().path("message").asText()).contains("no process with id 'drafting'");
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"y\">]>" + approval("drafting", "D", "").substring(39);
        assertThat(ok(operator.putJson(BASE + "/drafting/draft", Map.of("xml", doctype, "revision", 2)), 400)
                .json().path("message").asText()).contains("DOCTYPE");
        assertThat(ok(operator.postJson(BASE, Map.of("key", "drafting")), 409).json().path("message").asText())
                .contains("already has a process 'drafting'");
        assertThat(ok(operator.postJson(BASE, Map.of("key", "9 bad")), 400).json().path("errors").path("key").asText())
                .contains("not a process key");
    }

    @Test
    void publishingCreatesVersionsThatBecomeCurrentWithTheirPublisher() {
        TestHttp operator = operator();
        ok(operator.postJson(BASE, Map.of("key", "nightly", "name", "Nightly", "xml", approval("whatever", "Nightly", ""))), 201);
        TestHttp.Response first = ok(operator.postJson(BASE + "/nightly/publish", Map.of("comment", "first cut")), 201);
        assertThat(first.json().path("version").asInt()).isEqualTo(1);
        assertThat(first.json().path("publishedBy").asText()).isEqualTo("operator-user");
        assertThat(first.headers().firstValue("Location")).hasValue(BASE + "/nightly/versions/1");

        // published: no draft any more; the editor loads the current version at revision 0
        JsonNode loaded = ok(operator.get(BASE + "/nightly/draft"), 200).json();
        assertThat(loaded.path("revision").asLong()).isZero();
        assertThat(loaded.path("basedOnVersion").asInt()).isEqualTo(1);
        assertThat(ok(operator.postJson(BASE + "/nightly/publish", Map.of()), 409).body()).contains("no draft");

        save(operator, "nightly", approval("nightly", "Nightly v2", ""), 0);
        ok(admin().postJson(BASE + "/nightly/publish", Map.of()), 201);

        JsonNode process = ok(operator.get(BASE + "/nightly"), 200).json();
        assertThat(process.path("name").asText()).isEqualTo("Nightly v2");
        assertThat(process.path("status").asText()).isEqualTo("active");
        assertThat(process.path("currentVersion").asInt()).isEqualTo(2);
        assertThat(process.path("latestVersion").asInt()).isEqualTo(2);
        assertThat(process.path("publishedBy").asText()).isEqualTo("admin");
        assertThat(process.path("draft").isNull()).isTrue();
        JsonNode versions = process.path("versions");
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.get(0).path("publishedBy").asText()).isEqualTo("operator-user");
        assertThat(versions.get(0).path("comment").asText()).isEqualTo("first cut");
        assertThat(versions.get(0).path("current").asBoolean()).isFalse();
        assertThat(versions.get(1).path("publishedBy").asText()).isEqualTo("admin");
        assertThat(versions.get(1).path("current").asBoolean()).isTrue();
        assertThat(versions.get(1).path("publishedAt").asText()).isNotEmpty();

        ProcessDefinition deployed = repository.createProcessDefinitionQuery().processDefinitionId(
                versions.get(1).path("processDefinitionId").asText()).singleResult();
        assertThat(deployed.getTenantId()).isEqualTo(CLUSTER);

        JsonNode listed = ok(operator.get(BASE), 200).json();
        JsonNode nightly = find(listed, "nightly");
        assertThat(nightly.path("currentVersion").asInt()).isEqualTo(2);
        assertThat(nightly.path("hasDraft").asBoolean()).isFalse();
        assertThat(nightly.path("publishedBy").asText()).isEqualTo("admin");

        TestHttp.Response export = ok(operator.get(BASE + "/nightly/versions/1/xml"), 200);
        assertThat(export.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment").contains("nightly-v1.bpmn");
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        assertThat(export.body()).contains("name=\"Nightly\"").doesNotContain("Nightly v2");
        assertThat(ok(operator.get(BASE + "/nightly/versions/7/xml"), 404).body()).contains("no version 7");

        JsonNode restored = ok(operator.postJson(BASE + "/nightly/versions/1/restore-draft", Map.of()), 200).json();
        assertThat(restored.path("xml").asText()).isEqualTo(export.body());
        assertThat(restored.path("revision").asLong()).isEqualTo(1);
    }

    @Test
    void aRefusedPublishListsEveryProblemAndDeploysNothing() {
        TestHttp operator = operator();
        String broken = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://pveflow.io/test">
                  <process id="broken" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="evil"/>
                    <serviceTask id="evil" flowable:class="com.example.RunAnything"/>
                    <sequenceFlow id="f2" sourceRef="evil" targetRef="snap"/>
                    <serviceTask id="snap" flowable:delegateExpression="${pveSnapshotCreate}" flowable:triggerable="true">
                      <extensionElements><flowable:field name="vmid"><flowable:string>100</flowable:string></flowable:field></extensionElements>
                    </serviceTask>
                    <sequenceFlow id="f3" sourceRef="snap" targetRef="end"/>
                    <endEvent id="end"/>
                    <userTask id="orphan" name="Forgotten step"/>
                  </process>
                </definitions>
                """;
        ok(operator.postJson(BASE, Map.of("key", "broken", "xml", broken)), 201);
        JsonNode checked = ok(userWithRole("VIEWER").get(BASE + "/broken/draft/problems"), 200).json();
        assertThat(problem(checked, "evil", "class-delegate").path("severity").asText()).isEqualTo("error");
        assertThat(problem(checked, "orphan", "unreachable")).isNotNull();
        TestHttp.Response refused = ok(operator.postJson(BASE + "/broken/publish", Map.of()), 400);
        JsonNode problems = refused.json().path("problems");
        assertThat(problem(problems, "evil", "class-delegate").path("message").asText()).contains("com.example.RunAnything");
        JsonNode missing = problem(problems, "snap", "required-field");
        assertThat(missing.path("field").asText()).isEqualTo("snapname");
        assertThat(missing.path("severity").asText()).isEqualTo("error");
        assertThat(problem(problems, "orphan", "unreachable").path("message").asText()).contains("Forgotten step");
        assertThat(problem(problems, "snap", "pve-error-boundary").path("severity").asText()).isEqualTo("warning");
        assertThat(refused.json().path("message").asText()).contains("cannot be published");

        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("broken").count()).isZero();
        JsonNode process = ok(operator.get(BASE + "/broken"), 200).json();
        assertThat(process.path("versions").size()).isZero();
        assertThat(process.path("draft").path("revision").asLong()).isEqualTo(1);

        // warnings alone never block: the same PVE step, complete, without an error boundary event
        String warned = broken.replace("<serviceTask id=\"evil\" flowable:class=\"com.example.RunAnything\"/>",
                        "<scriptTask id=\"evil\" scriptFormat=\"javascript\"><script>var x = 1;</script></scriptTask>")
                .replace("<userTask id=\"orphan\" name=\"Forgotten step\"/>", "")
                .replace("<flowable:string>100</flowable:string></flowable:field>",
                        "<flowable:string>100</flowable:string></flowable:field><flowable:field name=\"snapname\"><flowable:string>before</flowable:string></flowable:field>");
        save(operator, "broken", warned, 1);
        TestHttp.Response published = ok(operator.postJson(BASE + "/broken/publish", Map.of()), 201);
        assertThat(problem(published.json().path("warnings"), "snap", "pve-error-boundary").path("message").asText())
                .contains("no error boundary event");
    }

    @Test
    void processesWithoutStartOrEndAreRefused() {
        TestHttp operator = operator();
        String noEnd = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
                  <process id="endless" isExecutable="true"><startEvent id="start"/><sequenceFlow id="f" sourceRef="start" targetRef="t"/><userTask id="t"/></process>
                </definitions>""";
        ok(operator.postJson(BASE, Map.of("key", "endless", "xml", noEnd)), 201);
        JsonNode problems = ok(operator.postJson(BASE + "/endless/publish", Map.of()), 400).json().path("problems");
        assertThat(problem(problems, "endless", "end-event-required").path("message").asText()).contains("no end event");

        ok(operator.postJson(BASE, Map.of("key", "startless")), 201);
        save(operator, "startless", """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
                  <process id="startless" isExecutable="true"><userTask id="t"/><sequenceFlow id="f" sourceRef="t" targetRef="e"/><endEvent id="e"/></process>
                </definitions>""", 1);
        problems = ok(operator.postJson(BASE + "/startless/publish", Map.of()), 400).json().path("problems");
        assertThat(problem(problems, "startless", "start-event-required").path("message").asText()).contains("no start event");
        assertThat(problem(problems, "t", "unreachable")).isNotNull();
    }

    @Test
    void makeCurrentDecidesWhatNewRunsStart() {
        TestHttp operator = operator();
        ok(operator.postJson(BASE, Map.of("key", "rollback", "xml", approval("rollback", "Rollback v1", ""))), 201);
        ok(operator.postJson(BASE + "/rollback/publish", Map.of()), 201);
        save(operator, "rollback", approval("rollback", "Rollback v2", ""), 0);
        ok(operator.postJson(BASE + "/rollback/publish", Map.of()), 201);
        assertThat(currentVersions.currentDefinition(CLUSTER, "rollback").orElseThrow().getVersion()).isEqualTo(2);

        JsonNode process = ok(operator.postJson(BASE + "/rollback/versions/1/make-current", Map.of()), 200).json();
        assertThat(process.path("currentVersion").asInt()).isEqualTo(1);
        assertThat(process.path("latestVersion").asInt()).isEqualTo(2);
        ProcessDefinition current = currentVersions.currentDefinition(CLUSTER, "rollback").orElseThrow();
        assertThat(current.getVersion()).isEqualTo(1);
        assertThat(current.getTenantId()).isEqualTo(CLUSTER);
        assertThat(current.getName()).isEqualTo("Rollback v1");
        assertThat(ok(operator.postJson(BASE + "/rollback/versions/9/make-current", Map.of()), 404).body()).contains("no version 9");

        // a version deployed around the registry (Flowable's REST API) does not become current by itself
        byte[] v3 = approval("rollback", "Rollback v3", "").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ok(admin().postFile("/process-api/repository/deployments", "rollback.bpmn20.xml", v3, Map.of("tenantId", CLUSTER)), 201);
        assertThat(currentVersions.currentDefinition(CLUSTER, "rollback").orElseThrow().getVersion()).isEqualTo(1);
        assertThat(ok(operator.get(BASE + "/rollback"), 200).json().path("versions").get(2).path("publishedBy").isNull()).isTrue();

        // no registry row: the cluster's latest; no such process in the cluster: the library's; neither: empty
        ok(admin().postFile("/process-api/repository/deployments", "aside.bpmn20.xml",
                approval("aside", "Aside", "").getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of("tenantId", CLUSTER)), 201);
        assertThat(currentVersions.currentDefinition(CLUSTER, "aside").orElseThrow().getTenantId()).isEqualTo(CLUSTER);
        assertThat(currentVersions.currentDefinition("elsewhere", "aside")).isEmpty();
        String libraryKey = ok(operator.get("/api/library"), 200).json().get(0).path("key").asText();
        ProcessDefinition library = currentVersions.currentDefinition("elsewhere", libraryKey).orElseThrow();
        assertThat(library.getTenantId()).isEmpty();
        assertThat(find(ok(operator.get(BASE), 200).json(), "aside").path("status").asText()).isEqualTo("active");
    }

    @Test
    void archivedProcessesStartNoRunsUntilRestored() {
        TestHttp operator = operator();
        ok(operator.postJson(BASE, Map.of("key", "retired", "xml", approval("retired", "Retired", ""))), 201);
        ok(operator.postJson(BASE + "/retired/publish", Map.of()), 201);
        assertThat(currentVersions.isArchived(CLUSTER, "retired")).isFalse();

        JsonNode archived = ok(operator.postJson(BASE + "/retired/archive", Map.of()), 200).json();
        assertThat(archived.path("status").asText()).isEqualTo("archived");
        assertThat(archived.path("archivedBy").asText()).isEqualTo("operator-user");
        assertThat(archived.path("archivedAt").asText()).isNotEmpty();
        assertThat(currentVersions.isArchived(CLUSTER, "retired")).isTrue();
        assertThat(currentVersions.isArchived("elsewhere", "retired")).isFalse();
        assertThat(find(ok(operator.get(BASE), 200).json(), "retired").path("status").asText()).isEqualTo("archived");

        JsonNode restored = ok(operator.postJson(BASE + "/retired/restore", Map.of()), 200).json();
        assertThat(restored.path("status").asText()).isEqualTo("active");
        assertThat(restored.path("archivedBy").isMissingNode() || restored.path("archivedBy").isNull()).isTrue();
        assertThat(currentVersions.isArchived(CLUSTER, "retired")).isFalse();
    }

    @Test
    void startFormListsFormPropertiesAndPveflowInputs() {
        TestHttp operator = operator();
        String xml = approval("formed", "Formed", """
                <extensionElements>
                  <pveflow:input name="vmid" label="Guest" type="number" required="true" help="The guest to snapshot"/>
                  <pveflow:input name="mode" label="Mode" type="enum" options="snapshot, suspend" default="snapshot"/>
                  <pveflow:input name="keep" type="number" default="3"/>
                </extensionElements>""").replace("<startEvent id=\"start\"/>", """
                <startEvent id="start">
                  <extensionElements>
                    <flowable:formProperty id="ticket" name="Change ticket" type="string" required="true"/>
                    <flowable:formProperty id="when" name="When" type="date"/>
                    <flowable:formProperty id="speed" name="Speed" type="enum" default="fast">
                      <flowable:value id="fast" name="Fast"/><flowable:value id="safe" name="Safe"/>
                    </flowable:formProperty>
                    <flowable:formProperty id="vmid" name="Guest id" type="long"/>
                  </extensionElements>
                </startEvent>""");
        ok(operator.postJson(BASE, Map.of("key", "formed", "xml", xml)), 201);
        assertThat(ok(operator.get(BASE + "/formed/start-form"), 404).body()).contains("no published version");
        ok(operator.postJson(BASE + "/formed/publish", Map.of()), 201);

        JsonNode form = ok(userWithRole("VIEWER").get(BASE + "/formed/start-form"), 200).json();
        assertThat(form.path("version").asInt()).isEqualTo(1);
        JsonNode inputs = form.path("inputs");
        assertThat(inputs.findValuesAsText("name")).containsExactly("ticket", "when", "speed", "vmid", "mode", "keep");
        assertThat(input(inputs, "ticket").path("required").asBoolean()).isTrue();
        assertThat(input(inputs, "ticket").path("label").asText()).isEqualTo("Change ticket");
        assertThat(input(inputs, "when").path("type").asText()).isEqualTo("date");
        JsonNode speed = input(inputs, "speed");
        assertThat(speed.path("type").asText()).isEqualTo("enum");
        assertThat(speed.path("default").asText()).isEqualTo("fast");
        assertThat(speed.path("options").findValuesAsText("value")).containsExactly("fast", "safe");
        assertThat(speed.path("options").findValuesAsText("label")).containsExactly("Fast", "Safe");
        assertThat(input(inputs, "vmid").path("type").asText()).as("the form property wins").isEqualTo("number");
        assertThat(input(inputs, "vmid").path("label").asText()).isEqualTo("Guest id");
        JsonNode mode = input(inputs, "mode");
        assertThat(mode.path("options").findValuesAsText("value")).containsExactly("snapshot", "suspend");
        assertThat(mode.path("default").asText()).isEqualTo("snapshot");
        assertThat(input(inputs, "keep").path("label").asText()).isEqualTo("keep");
        assertThat(input(inputs, "keep").path("required").asBoolean()).isFalse();
    }

    @Test
    void viewersReadButCannotChange() {
        ok(operator().postJson(BASE, Map.of("key", "watched", "xml", approval("watched", "Watched", ""))), 201);
        TestHttp viewer = userWithRole("VIEWER");
        ok(viewer.get(BASE), 200);
        ok(viewer.get(BASE + "/watched"), 200);
        ok(viewer.get(BASE + "/watched/draft"), 200);
        assertThat(viewer.postJson(BASE, Map.of("key", "mine")).status()).isEqualTo(403);
        assertThat(viewer.putJson(BASE + "/watched/draft", Map.of("xml", approval("watched", "W", ""), "revision", 1)).status()).isEqualTo(403);
        assertThat(viewer.postJson(BASE + "/watched/publish", Map.of()).status()).isEqualTo(403);
        assertThat(viewer.postJson(BASE + "/watched/archive", Map.of()).status()).isEqualTo(403);
        assertThat(viewer.delete(BASE + "/watched/draft").status()).isEqualTo(403);
        assertThat(viewer.postJson(BASE + "/from-library", Map.of("libraryKey", "x")).status()).isEqualTo(403);
        assertThat(anonymous().get(BASE).status()).isEqualTo(401);
        assertThat(ok(operator().get(BASE + "/watched"), 200).json().path("versions").size()).isZero();
    }

    @Test
    void anotherClustersProcessesAreInvisible() {
        TestHttp operator = operator();
        ok(operator.postJson(BASE, Map.of("key", "private", "xml", approval("private", "Private", ""))), 201);
        ok(operator.postJson(BASE + "/private/publish", Map.of()), 201);
        String other = "/api/clusters/elsewhere/processes";
        assertThat(ok(operator.get(other), 200).json().findValuesAsText("key")).doesNotContain("private");
        ok(operator.get(other + "/private"), 404);
        ok(operator.get(other + "/private/draft"), 404);
        ok(operator.get(other + "/private/versions/1/xml"), 404);
        ok(operator.get(other + "/private/start-form"), 404);
        ok(operator.postJson(other + "/private/versions/1/make-current", Map.of()), 404);
        ok(operator.postJson(other + "/private/archive", Map.of()), 404);
        assertThat(currentVersions.currentDefinition("elsewhere", "private")).isEmpty();
        // a cluster that does not exist
        assertThat(ok(operator.get("/api/clusters/nosuch/processes"), 404).body()).contains("nosuch");
        ok(operator.postJson("/api/clusters/nosuch/processes", Map.of("key", "x")), 404);
    }

    @Test
    void deletingTheDraftOfANeverPublishedProcessDeletesIt() {
        TestHttp operator = operator();
        ok(operator.postJson(BASE, Map.of("key", "scratch")), 201);
        assertThat(operator.delete(BASE + "/scratch/draft").status()).isEqualTo(204);
        ok(operator.get(BASE + "/scratch"), 404);

        ok(operator.postJson(BASE, Map.of("key", "kept", "xml", approval("kept", "Kept", ""))), 201);
        ok(operator.postJson(BASE + "/kept/publish", Map.of()), 201);
        save(operator, "kept", approval("kept", "Kept 2", ""), 0);
        assertThat(operator.delete(BASE + "/kept/draft").status()).isEqualTo(204);
        JsonNode kept = ok(operator.get(BASE + "/kept"), 200).json();
        assertThat(kept.path("hasDraft").asBoolean()).isFalse();
        assertThat(kept.path("versions").size()).isEqualTo(1);
        ok(operator.delete(BASE + "/kept/draft"), 404);
    }

    @Test
    void everyChangeIsAudited() {
        TestHttp operator = operator();
        ok(operator.postJson(BASE, Map.of("key", "audited", "xml", approval("audited", "Audited", ""))), 201);
        long revision = save(operator, "audited", approval("audited", "Audited 2", ""), 1);
        save(operator, "audited", approval("audited", "Audited 3", ""), revision); // within the minute: not again
        ok(operator.postJson(BASE + "/audited/publish", Map.of("comment", "go")), 201);
        save(operator, "audited", approval("audited", "Audited 4", ""), 0);
        ok(operator.postJson(BASE + "/audited/publish", Map.of()), 201);
        ok(operator.postJson(BASE + "/audited/versions/1/make-current", Map.of()), 200);
        ok(operator.postJson(BASE + "/audited/archive", Map.of()), 200);
        ok(operator.postJson(BASE + "/audited/restore", Map.of()), 200);
        ok(operator.postJson(BASE + "/audited/versions/2/restore-draft", Map.of()), 200);
        ok(operator.postJson(BASE, Map.of("key", "gone")), 201);
        assertThat(operator.delete(BASE + "/gone/draft").status()).isEqualTo(204);

        JsonNode entries = ok(admin().get("/api/audit?limit=1000&clusterId=" + CLUSTER + "&actor=operator-user"), 200).json();
        List<String> forAudited = actions(entries, "audited");
        assertThat(forAudited).contains("process-created", "process-published", "process-made-current", "process-archived",
                "process-restored", "process-draft-restored");
        assertThat(forAudited.stream().filter("process-draft-saved"::equals).count()).as("the saves within a minute of "
                + "creating are one entry (process-created); the save that started a new draft after publishing is one")
                .isEqualTo(1);
        assertThat(forAudited.stream().filter("process-published"::equals).count()).isEqualTo(2);
        assertThat(actions(entries, "gone")).contains("process-created", "process-deleted");
        JsonNode published = entries.findParents("action").stream()
                .filter(e -> e.path("action").asText().equals("process-published")).findFirst().orElseThrow();
        assertThat(published.path("details").asText()).contains("version=");
        assertThat(published.path("remoteAddr").asText()).isEqualTo("127.0.0.1");
    }

    private static List<String> actions(JsonNode entries, String key) {
        List<String> actions = new java.util.ArrayList<>();
        for (JsonNode entry : entries) {
            if (key.equals(entry.path("targetId").asText())) {
                actions.add(entry.path("action").asText());
            }
        }
        return actions;
    }

    static JsonNode find(JsonNode list, String key) {
        for (JsonNode item : list) {
            if (key.equals(item.path("key").asText())) {
                return item;
            }
        }
        throw new AssertionError("No " + key + " in " + list);
    }

    static JsonNode problem(JsonNode problems, String elementId, String rule) {
        for (JsonNode problem : problems) {
            if (elementId.equals(problem.path("elementId").asText()) && rule.equals(problem.path("rule").asText())) {
                return problem;
            }
        }
        throw new AssertionError("No problem " + rule + " on " + elementId + " in " + problems);
    }

    private static JsonNode input(JsonNode inputs, String name) {
        for (JsonNode input : inputs) {
            if (name.equals(input.path("name").asText())) {
                return input;
            }
        }
        throw new AssertionError("No input " + name + " in " + inputs);
    }
}
