package io.pveflow.server.processes;

import static io.pveflow.server.processes.ProcessDocuments.approval;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.server.testing.PostgresServerTest;
import io.pveflow.server.testing.TestHttp;

/** The registry and draft SQL on PostgreSQL: drafts with revisions, versions, current, archive, listing, deletion. */
class ProcessRegistryOnPostgresTest extends PostgresServerTest {

    private static final String BASE = "/api/clusters/pgprocs/processes";

    @Autowired
    CurrentVersions currentVersions;

    private static TestHttp.Response ok(TestHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    @Test
    void theLifecycleWorksOnPostgres() {
        ProcessDocuments.cluster(this, "pgprocs");
        TestHttp operator = userWithRole("OPERATOR");
        ok(operator.postJson(BASE, Map.of("key", "pgFlow", "name", "PG flow")), 201);
        String big = approval("pgFlow", "PG flow", "<!-- " + "ü".repeat(200_000) + " -->");
        ok(operator.putJson(BASE + "/pgFlow/draft", Map.of("xml", big, "revision", 1)), 200);
        assertThat(ok(operator.get(BASE + "/pgFlow/draft"), 200).json().path("xml").asText()).isEqualTo(big);
        ok(operator.putJson(BASE + "/pgFlow/draft", Map.of("xml", big, "revision", 1)), 409);

        // tabs saving at once from the same revision: exactly one wins, the others are told, none is lost silently
        long at = ok(operator.get(BASE + "/pgFlow/draft"), 200).json().path("revision").asLong();
        List<Integer> statuses = IntStream.range(0, 6).parallel().mapToObj(i -> operator.putJson(BASE + "/pgFlow/draft",
                Map.of("xml", approval("pgFlow", "PG flow tab " + i, ""), "revision", at)).status()).toList();
        assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        assertThat(ok(operator.get(BASE + "/pgFlow/draft"), 200).json().path("revision").asLong()).isEqualTo(at + 1);

        ok(operator.postJson(BASE + "/pgFlow/publish", Map.of("comment", "on postgres")), 201);
        ok(operator.putJson(BASE + "/pgFlow/draft", Map.of("xml", approval("pgFlow", "PG flow 2", ""), "revision", 0)), 200);
        ok(operator.putJson(BASE + "/pgFlow/draft", Map.of("xml", approval("pgFlow", "PG flow 2", ""), "revision", 0)), 409);
        ok(operator.postJson(BASE + "/pgFlow/publish", Map.of()), 201);
        assertThat(currentVersions.currentDefinition("pgprocs", "pgFlow").orElseThrow().getVersion()).isEqualTo(2);

        ok(operator.postJson(BASE + "/pgFlow/versions/1/make-current", Map.of()), 200);
        assertThat(currentVersions.currentDefinition("pgprocs", "pgFlow").orElseThrow().getVersion()).isEqualTo(1);
        ok(operator.postJson(BASE + "/pgFlow/archive", Map.of()), 200);
        assertThat(currentVersions.isArchived("pgprocs", "pgFlow")).isTrue();

        ok(operator.postJson(BASE, Map.of("key", "pgDraft")), 201);
        JsonNode list = ok(operator.get(BASE), 200).json();
        JsonNode flow = ProcessLifecycleTest.find(list, "pgFlow");
        assertThat(flow.path("status").asText()).isEqualTo("archived");
        assertThat(flow.path("currentVersion").asInt()).isEqualTo(1);
        assertThat(flow.path("latestVersion").asInt()).isEqualTo(2);
        assertThat(flow.path("publishedBy").asText()).isEqualTo("operator-user");
        JsonNode draft = ProcessLifecycleTest.find(list, "pgDraft");
        assertThat(draft.path("status").asText()).isEqualTo("draft-only");
        assertThat(draft.path("hasDraft").asBoolean()).isTrue();
        assertThat(draft.path("draftUpdatedBy").asText()).isEqualTo("operator-user");

        JsonNode versions = ok(operator.get(BASE + "/pgFlow"), 200).json().path("versions");
        assertThat(versions.get(0).path("comment").asText()).isEqualTo("on postgres");
        assertThat(versions.get(0).path("current").asBoolean()).isTrue();

        assertThat(operator.delete(BASE + "/pgDraft/draft").status()).isEqualTo(204);
        ok(operator.get(BASE + "/pgDraft"), 404);
        // removing the cluster removes its registry rows with it
        assertThat(admin().delete("/api/clusters/pgprocs").status()).isEqualTo(204);
        assertThat(currentVersions.isArchived("pgprocs", "pgFlow")).isFalse();
    }

    @Test
    void draftFormsWorkOnPostgres() {
        ProcessDocuments.cluster(this, "pgforms");
        String base = "/api/clusters/pgforms/processes";
        TestHttp operator = userWithRole("OPERATOR");
        ok(operator.postJson(base, Map.of("key", "pgForm", "xml", DraftFormsTest.process("pgForm", "pgReason"))), 201);
        String formPath = base + "/pgForm/draft/forms/pgReason";
        String big = DraftFormsTest.form("pgReason", "Wh\u00fd " + "\u00fc".repeat(50_000));
        ok(put(operator, formPath, DraftFormsTest.form("pgReason", "First")), 200);
        ok(put(operator, formPath, big), 200); // the second save replaces the first
        assertThat(ok(operator.get(formPath), 200).json().path("components").get(0).path("label").asText())
                .startsWith("Wh\u00fd \u00fc\u00fc");
        assertThat(ok(operator.get(base + "/pgForm/draft"), 200).json().path("forms").findValuesAsText("id"))
                .containsExactly("pgReason");
        ok(operator.postJson(base + "/pgForm/publish", Map.of()), 201);
        assertThat(ok(operator.get(base + "/pgForm/versions/1/forms/pgReason"), 200).body()).contains("Wh\u00fd");
        ok(operator.postJson(base + "/pgForm/versions/1/restore-draft", Map.of()), 200);
        assertThat(ok(operator.get(formPath), 200).body()).contains("Wh\u00fd");
        // removing the cluster takes the draft and its forms with it
        assertThat(admin().delete("/api/clusters/pgforms").status()).isEqualTo(204);
    }

    private static TestHttp.Response put(TestHttp who, String path, String json) {
        return who.send(who.request(path).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }
}
