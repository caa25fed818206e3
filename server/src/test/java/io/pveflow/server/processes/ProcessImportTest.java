package io.pveflow.server.processes;

import static io.pveflow.server.processes.ProcessDocuments.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/**
 * Documents from other tools come in as drafts exactly as written: foreign extension elements, diagram interchange
 * and documentation survive saving, publishing and export byte for byte, apart from the process id, which becomes
 * the key. The shared library is read-only and can be copied into a cluster.
 */
class ProcessImportTest extends H2ServerTest {

    private static final String CLUSTER = "imports";
    private static final String BASE = "/api/clusters/" + CLUSTER + "/processes";

    @BeforeEach
    void cluster() {
        ProcessDocuments.cluster(this, CLUSTER);
    }

    private static TestHttp.Response ok(TestHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    @Test
    void aCamundaModelerFileKeepsItsCamundaElementsThroughSavePublishAndExport() {
        String original = resource("/bpmn/foreign/camunda-maintenance-window.bpmn");
        TestHttp operator = userWithRole("OPERATOR");
        JsonNode draft = ok(operator.postFile(BASE + "/import?key=maintenanceWindow", "camunda-maintenance-window.bpmn",
                original.getBytes(StandardCharsets.UTF_8), Map.of()), 201).json();
        String expected = original.replace("\"Process_0wq1h3c\"", "\"maintenanceWindow\"");
        assertThat(expected).as("the id and the diagram plane's reference").isNotEqualTo(original);
        assertThat(draft.path("xml").asText()).isEqualTo(expected);
        assertThat(draft.path("name").asText()).isEqualTo("Guest maintenance window");
        assertThat(draft.path("revision").asLong()).isEqualTo(1);

        // the modeler saves it back unchanged: still byte for byte
        ok(operator.putJson(BASE + "/maintenanceWindow/draft", Map.of("xml", expected, "revision", 1)), 200);
        assertThat(ok(operator.get(BASE + "/maintenanceWindow/draft"), 200).json().path("xml").asText()).isEqualTo(expected);

        ok(operator.postJson(BASE + "/maintenanceWindow/publish", Map.of()), 201);
        String exported = ok(operator.get(BASE + "/maintenanceWindow/versions/1/xml"), 200).body();
        assertThat(exported).isEqualTo(expected)
                .contains("<camunda:property name=\"owner\" value=\"ops-team\" />")
                .contains("camunda:asyncBefore=\"true\"")
                .contains("<bpmn:documentation>The guest owner confirms the window.</bpmn:documentation>")
                .contains("<bpmndi:BPMNPlane id=\"BPMNPlane_1\" bpmnElement=\"maintenanceWindow\">");
        assertThat(ok(operator.get(BASE + "/maintenanceWindow"), 200).json().path("status").asText()).isEqualTo("active");
    }

    @Test
    void aSignavioFileIsImportedAsWrittenAndPublishesOnceMarkedExecutable() {
        String original = resource("/bpmn/foreign/signavio-snapshot-before-patching.bpmn");
        TestHttp operator = userWithRole("OPERATOR");
        // as a raw XML body this time, with the key taken from the query
        TestHttp.Response imported = ok(operator.send(operator.request(BASE + "/import?key=snapshotBeforePatching")
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(original.getBytes(StandardCharsets.UTF_8)))), 201);
        String expected = original.replace("sid-2C1E4D6A-7B9F-4E3A-8D5C-6F1A2B3C4D5E", "snapshotBeforePatching");
        assertThat(imported.json().path("xml").asText()).isEqualTo(expected).contains("processRef=\"snapshotBeforePatching\"");
        assertThat(imported.json().path("name").asText()).isEqualTo("Snapshot before patching");

        // Signavio leaves the process non-executable: publishing names that, and deploys nothing
        JsonNode problems = ok(operator.postJson(BASE + "/snapshotBeforePatching/publish", Map.of()), 400).json().path("problems");
        assertThat(problems.toString()).contains("one-executable-process");

        String executable = expected.replace("isExecutable=\"false\"", "isExecutable=\"true\"");
        ok(operator.putJson(BASE + "/snapshotBeforePatching/draft", Map.of("xml", executable, "revision", 1)), 200);
        ok(operator.postJson(BASE + "/snapshotBeforePatching/publish", Map.of()), 201);
        String exported = ok(operator.get(BASE + "/snapshotBeforePatching/versions/1/xml"), 200).body();
        assertThat(exported).isEqualTo(executable)
                .contains("<signavio:signavioMetaData metaKey=\"risklevel\" metaValue=\"\"/>")
                .contains("<signavio:signavioDiagramMetaData metaKey=\"revisionid\"")
                .contains("name=\"Patch run&#10;scheduled\"")
                .contains("<omgdc:Bounds height=\"250.0\" width=\"600.0\" x=\"75.0\" y=\"45.0\"/>");
    }

    @Test
    void theKeyDefaultsToTheProcessIdAndTakenKeysConflict() {
        String camunda = resource("/bpmn/foreign/camunda-maintenance-window.bpmn").replace("Process_0wq1h3c", "Process_keyed");
        TestHttp operator = userWithRole("OPERATOR");
        JsonNode draft = ok(operator.postFile(BASE + "/import", "m.bpmn", camunda.getBytes(StandardCharsets.UTF_8), Map.of()), 201).json();
        assertThat(draft.path("key").asText()).isEqualTo("Process_keyed");
        assertThat(draft.path("xml").asText()).isEqualTo(camunda);
        assertThat(ok(operator.postFile(BASE + "/import", "m.bpmn", camunda.getBytes(StandardCharsets.UTF_8), Map.of()), 409)
                .body()).contains("already has a process 'Process_keyed'");
    }

    @Test
    void badFilesAreRefusedNamingTheProblem() {
        TestHttp operator = userWithRole("OPERATOR");
        assertThat(message(operator.postFile(BASE + "/import?key=bad1", "broken.bpmn",
                "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">".getBytes(StandardCharsets.UTF_8), Map.of())))
                .contains("not well-formed XML");
        assertThat(message(operator.postFile(BASE + "/import?key=bad2", "xxe.bpmn", resource("/bpmn/xxe.bpmn20.xml")
                .getBytes(StandardCharsets.UTF_8), Map.of()))).contains("DOCTYPE");
        assertThat(message(operator.postFile(BASE + "/import?key=bad3", "page.html",
                "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8), Map.of()))).contains("not a BPMN 2.0 document");
        assertThat(message(operator.postFile(BASE + "/import?key=bad4", "empty.bpmn", """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t"/>"""
                .getBytes(StandardCharsets.UTF_8), Map.of()))).contains("contains no BPMN process");
        assertThat(message(operator.postFile(BASE + "/import?key=bad5", "two.bpmn", """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
                  <process id="a" isExecutable="true"/><process id="b" isExecutable="true"/>
                </definitions>""".getBytes(StandardCharsets.UTF_8), Map.of()))).contains("2 processes marked executable");
        assertThat(message(operator.postFile(BASE + "/import?key=bad6", "latin1.bpmn",
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>"
                        .getBytes(StandardCharsets.ISO_8859_1), Map.of()))).contains("save it as UTF-8");
        assertThat(message(operator.postFile(BASE + "/import?key=9nine", "ok.bpmn", ProcessDocuments.approval("p", "P", "")
                .getBytes(StandardCharsets.UTF_8), Map.of()))).contains("not a process key");
        byte[] huge = ProcessDocuments.approval("huge", "H", "<documentation>" + "x".repeat(1_100_000) + "</documentation>")
                .getBytes(StandardCharsets.UTF_8);
        TestHttp.Response tooLarge = operator.postFile(BASE + "/import?key=huge", "huge.bpmn", huge, Map.of());
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.json().path("message").asText()).containsAnyOf("limit", "larger than");
        assertThat(ok(operator.get(BASE), 200).json().findValuesAsText("key")).noneMatch(k -> k.startsWith("bad"));
    }

    @Test
    void theLibraryIsListedReadOnlyAndCopiedIntoDrafts() {
        TestHttp viewer = userWithRole("VIEWER");
        JsonNode library = ok(viewer.get("/api/library"), 200).json();
        JsonNode rotation = ProcessLifecycleTest.find(library, "pveflowSnapshotRotation");
        assertThat(rotation.path("name").asText()).isEqualTo("Snapshot rotation");
        assertThat(rotation.path("description").asText()).startsWith("Snapshots every guest with a tag");
        assertThat(rotation.path("version").asInt()).isPositive();
        TestHttp.Response xml = ok(viewer.get("/api/library/pveflowSnapshotRotation/xml"), 200);
        assertThat(xml.body()).contains("id=\"pveflowSnapshotRotation\"");
        ok(viewer.get("/api/library/noSuchProcess/xml"), 404);

        TestHttp operator = userWithRole("OPERATOR");
        JsonNode copy = ok(operator.postJson(BASE + "/from-library", Map.of("libraryKey", "pveflowSnapshotRotation",
                "key", "rotateTagged", "name", "Rotate tagged guests")), 201).json();
        assertThat(copy.path("key").asText()).isEqualTo("rotateTagged");
        assertThat(copy.path("xml").asText()).contains("<process id=\"rotateTagged\" name=\"Rotate tagged guests\"")
                .contains("${pveGetGuests}");
        assertThat(ok(operator.get(BASE + "/rotateTagged"), 200).json().path("status").asText()).isEqualTo("draft-only");
        // the library itself is untouched
        assertThat(ok(viewer.get("/api/library/pveflowSnapshotRotation/xml"), 200).body()).isEqualTo(xml.body());
        // plain copy keeps the library's key and name
        JsonNode plain = ok(operator.postJson(BASE + "/from-library", Map.of("libraryKey", "pveflowSnapshotRotation")), 201).json();
        assertThat(plain.path("key").asText()).isEqualTo("pveflowSnapshotRotation");
        assertThat(plain.path("xml").asText()).isEqualTo(xml.body());
        ok(operator.postJson(BASE + "/from-library", Map.of("libraryKey", "noSuchProcess")), 404);
        assertThat(userWithRole("VIEWER").postJson(BASE + "/from-library", Map.of("libraryKey", "pveflowSnapshotRotation",
                "key", "viewerCopy")).status()).isEqualTo(403);
    }

    private static String message(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().path("message").asText();
    }
}
