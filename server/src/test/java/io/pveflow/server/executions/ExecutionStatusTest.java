package io.pveflow.server.executions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.pveflow.server.testing.TestHttp;

/** The status model and the list and detail endpoints, on real runs of the engine. */
class ExecutionStatusTest extends ExecutionTestSupport {

    @Test
    void aRunWaitsOnAnApprovalThenCompletesWithItsStepsAndDiagram() {
        deployWithTask("statusApproval", "");
        String id = started("statusApproval", Map.of("vmid", 101, "apiToken", "very-secret"));

        JsonNode waiting = awaitStatus(id, "waiting");
        assertThat(waiting.path("waitingOn").asText()).isEqualTo("approval");
        assertThat(waiting.path("startedBy").asText()).isEqualTo("admin");
        assertThat(waiting.path("startedVia").asText()).isEqualTo("api");
        assertThat(waiting.path("version").asInt()).isEqualTo(1);
        assertThat(waiting.path("diagram").path("active").toString()).contains("approve");
        assertThat(waiting.path("diagram").path("completed").toString()).contains("start");
        assertThat(waiting.path("variables").path("apiToken").asText()).as("secrets masked").isEqualTo("********");
        assertThat(waiting.path("variables").path("vmid").asInt()).isEqualTo(101);

        completeTask(id);
        JsonNode done = awaitStatus(id, "completed");
        assertThat(done.path("endedAt").isMissingNode()).isFalse();
        assertThat(done.path("steps").findValuesAsText("activityId")).containsSubsequence("start", "approve", "end");
        assertThat(done.path("steps").get(1).path("status").asText()).isEqualTo("completed");
        assertThat(done.toString()).doesNotContain("very-secret");
    }

    @Test
    void aFailingStepIsAnIncidentThatARetryWithNewVariablesRepairs() {
        deploy("statusFailing", "", """
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
                <scriptTask id="check" name="Check" scriptFormat="javascript" flowable:async="true"
                            flowable:failedJobRetryTimeCycle="R1/PT0S">
                  <script>if (!execution.getVariable('fixed')) { throw new Error('guest 101 is not ready'); }</script>
                </scriptTask>
                <sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
                <endEvent id="end"/>
                """);
        String id = started("statusFailing", Map.of("fixed", false));

        JsonNode failed = awaitStatus(id, "failed");
        assertThat(failed.path("message").asText()).contains("guest 101 is not ready");
        assertThat(failed.path("incidents").get(0).path("activityId").asText()).isEqualTo("check");
        assertThat(failed.path("incidents").get(0).path("dead").asBoolean()).isTrue();
        assertThat(failed.path("diagram").path("failed").toString()).contains("check");
        assertThat(admin().get("/api/executions?cluster=demo&process=statusFailing&status=failed").json()
                .path("items").findValuesAsText("id")).contains(id);

        TestHttp.Response retried = operator().postJson("/api/executions/" + id + "/retry", Map.of("variables", Map.of("fixed", true)));
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        awaitStatus(id, "completed");
        assertThat(admin().get("/api/audit?action=retry").body()).contains(id);
    }

    @Test
    void theListFiltersAndPagesWithoutCounting() {
        deployWithTask("statusList", "");
        String first = started("statusList", Map.of());
        String second = started("statusList", Map.of());
        String third = admin().postJson("/api/executions", Map.of("clusterId", CLUSTER, "processKey", "statusList",
                "businessKey", "change-4711")).json().path("id").asText();

        JsonNode page = admin().get("/api/executions?cluster=demo&process=statusList&size=2").json();
        assertThat(page.path("items").findValuesAsText("id")).containsExactly(third, second);
        assertThat(page.path("hasMore").asBoolean()).isTrue();
        JsonNode next = admin().get("/api/executions?cluster=demo&process=statusList&size=2&page=1").json();
        assertThat(next.path("items").findValuesAsText("id")).containsExactly(first);
        assertThat(next.path("hasMore").asBoolean()).isFalse();
        assertThat(admin().get("/api/executions?businessKey=change-4711").json().path("items").findValuesAsText("id"))
                .containsExactly(third);
        assertThat(page.path("items").get(0).has("variables")).as("lists never carry variables").isFalse();

        TestHttp.Response bad = admin().get("/api/executions?status=sleeping");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("status").contains("sleeping");
        assertThat(admin().get("/api/executions?from=yesterday").body()).contains("from").contains("ISO-8601");
    }

    @Test
    void cancellingNeedsAReasonAndRecordsWhoAndWhy() {
        deployWithTask("statusCancel", "");
        String id = started("statusCancel", Map.of());
        awaitStatus(id, "waiting");

        TestHttp.Response noReason = operator().postJson("/api/executions/" + id + "/cancel", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");

        TestHttp.Response cancelled = operator().postJson("/api/executions/" + id + "/cancel", Map.of("reason", "wrong guest"));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        JsonNode run = execution(id);
        assertThat(run.path("status").asText()).isEqualTo("cancelled");
        assertThat(run.path("cancelledBy").asText()).isEqualTo("operator-user");
        assertThat(run.path("cancelReason").asText()).isEqualTo("wrong guest");
        assertThat(operator().postJson("/api/executions/" + id + "/cancel", Map.of("reason", "again")).status()).isEqualTo(409);
        assertThat(admin().get("/api/audit?action=cancel").body()).contains(id).contains("wrong guest");
    }

    @Test
    void aCancelledRunResumesAsANewRunAtTheStepItWasCancelledIn() {
        deploy("statusResume", "", """
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="prepare"/>
                <scriptTask id="prepare" scriptFormat="javascript"><script>execution.setVariable('prepared', (execution.getVariable('prepared') || 0) + 1);</script></scriptTask>
                <sequenceFlow id="f2" sourceRef="prepare" targetRef="approve"/>
                <userTask id="approve" name="Approve"/>
                <sequenceFlow id="f3" sourceRef="approve" targetRef="end"/>
                <endEvent id="end"/>
                """);
        String id = started("statusResume", Map.of("vmid", 105));
        awaitStatus(id, "waiting");
        operator().postJson("/api/executions/" + id + "/cancel", Map.of("reason", "resume test"));

        TestHttp.Response resumed = operator().postJson("/api/executions/" + id + "/resume", Map.of());
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        String newId = resumed.json().path("id").asText();
        assertThat(newId).isNotEqualTo(id);
        JsonNode run = awaitStatus(newId, "waiting");
        assertThat(run.path("resumedFrom").asText()).isEqualTo(id);
        assertThat(run.path("variables").path("prepared").asInt()).as("the steps before were not run again").isEqualTo(1);
        assertThat(run.path("variables").path("vmid").asInt()).isEqualTo(105);
        completeTask(newId);
        awaitStatus(newId, "completed");
        assertThat(operator().postJson("/api/executions/" + newId + "/resume", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void runsStartTheCurrentVersionAndArchivedProcessesStartNone() {
        deployWithTask("statusVersions", "");
        deployWithTask("statusVersions", "");
        assertThat(execution(started("statusVersions", Map.of())).path("version").asInt()).isEqualTo(2);

        TestHttp.Response current = admin().postJson("/api/clusters/demo/processes/statusVersions/versions/1/make-current", Map.of());
        assertThat(current.status()).as(current.body()).isEqualTo(200);
        assertThat(execution(started("statusVersions", Map.of())).path("version").asInt()).isEqualTo(1);

        assertThat(admin().postJson("/api/clusters/demo/processes/statusVersions/archive", Map.of()).status()).isEqualTo(200);
        TestHttp.Response refused = start(admin(), "statusVersions", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("archived");
    }

    @Test
    void aStartFromABrowserSessionKeepsThatSessionsRoles() throws Exception {
        deployWithTask("statusSession", "");
        operator(); // creates the operator user
        java.net.CookieManager cookies = new java.net.CookieManager();
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
        browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/login")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        java.util.function.Supplier<String> csrf = () -> cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        var login = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=operator-user&password=operator-user-password&_csrf="
                        + csrf.get())).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(login.statusCode()).isEqualTo(302);
        // the sign-in rotates the CSRF token: the next page load hands out the new one, as the UI's first request does
        browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/me"))
                .header("X-Requested-With", "XMLHttpRequest").GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        for (int i = 0; i < 2; i++) {
            var response = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/executions"))
                    .header("Content-Type", "application/json").header("X-Requested-With", "XMLHttpRequest")
                    .header("X-XSRF-TOKEN", csrf.get())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"clusterId\":\"demo\",\"processKey\":\"statusSession\"}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("start %d in the same session: %s", i + 1, response.body()).isEqualTo(201);
            JsonNode run = awaitStatus(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("id").asText(),
                    "waiting");
            assertThat(run.path("startedVia").asText()).isEqualTo("ui");
            assertThat(run.path("startedBy").asText()).isEqualTo("operator-user");
        }
        var me = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/me"))
                .header("X-Requested-With", "XMLHttpRequest").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(me.body()).as("the session still has its role").contains("OPERATOR");
    }

    @Test
    void viewersReadButDoNotAct() {
        deployWithTask("statusViewer", "");
        TestHttp viewer = userWithRole("VIEWER");
        assertThat(start(viewer, "statusViewer", Map.of()).status()).isEqualTo(403);
        String id = started("statusViewer", Map.of());
        assertThat(viewer.get("/api/executions/" + id).status()).isEqualTo(200);
        assertThat(viewer.postJson("/api/executions/" + id + "/cancel", Map.of("reason", "x")).status()).isEqualTo(403);
        assertThat(anonymous().get("/api/executions").status()).isEqualTo(401);
        assertThat(admin().get("/api/executions/nope").status()).isEqualTo(404);
        assertThat(start(admin(), "noSuchProcess", Map.of()).status()).isEqualTo(404);
        assertThat(admin().postJson("/api/executions", Map.of("clusterId", "nowhere", "processKey", "statusViewer")).status())
                .isEqualTo(404);
    }
}
