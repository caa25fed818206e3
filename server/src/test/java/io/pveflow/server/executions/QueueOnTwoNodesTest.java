package io.pveflow.server.executions;

import static io.pveflow.server.testing.ServerNode.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pveflow.server.testing.PostgresForTests;
import io.pveflow.server.testing.ServerNode;
import io.pveflow.server.testing.TestHttp;

/**
 * Two real server processes on one PostgreSQL: 100 starts at once, half through each node, of a process whose
 * concurrency group allows one run per cluster. The runs must go strictly one at a time, first in first out, none
 * lost and none run twice. Also prints the queue hand-over latency (slot freed -> next run admitted).
 */
class QueueOnTwoNodesTest {

    private static final String PASSWORD = "queue-test-admin-password";
    private static final int RUNS = 100;

    @TempDir
    Path work;

    @Test
    void hundredSimultaneousStartsWithLimitOneRunOneAtATimeOnTwoNodes() throws Exception {
        PostgresForTests.Server pg = PostgresForTests.server();
        String schema = PostgresForTests.newSchema("pveflow_queue");
        Map<String, String> database = with(PostgresForTests.serverEnvironment(schema, PASSWORD),
                "PVEFLOW_DEMO", "false", "PVEFLOW_JOB_ACQUIRE_WAIT", "PT0.2S");
        Map<String, String> fastSweep = Map.of("pveflow.executions.queue-sweep-interval", "PT1S");
        try (ServerNode a = ServerNode.start("queue-a", with(database, "PVEFLOW_NODE_ID", "node-a",
                "PVEFLOW_DATA_DIR", work.resolve("a").toString()), fastSweep);
             ServerNode b = ServerNode.start("queue-b", with(database, "PVEFLOW_NODE_ID", "node-b",
                     "PVEFLOW_DATA_DIR", work.resolve("b").toString()), fastSweep)) {
            List<TestHttp> nodes = List.of(a.as("admin", PASSWORD), b.as("admin", PASSWORD));
            TestHttp http = nodes.get(0);
            assertThat(http.postJson("/api/clusters", Map.of("id", "queue", "endpoints", List.of("pve1"), "tokenId", "a@pve!b",
                    "tokenSecret", "s", "tls", Map.of("mode", "system"))).status()).isEqualTo(201);
            TestHttp.Response deployed = http.postFile("/process-api/repository/deployments", "one-at-a-time.bpmn20.xml",
                    bpmn().getBytes(StandardCharsets.UTF_8), Map.of("tenantId", "queue"));
            assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);

            List<String> ids = startAll(nodes);
            assertThat(new HashSet<>(ids)).as("every start got its own execution").hasSize(RUNS);

            int maxActive = 0;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            for (int done = 0; done < RUNS; done++) {
                String current = null;
                while (current == null) {
                    assertThat(Instant.now()).as("run %d of %d never started", done + 1, RUNS).isBefore(deadline);
                    List<JsonNode> items = list(http);
                    List<JsonNode> active = items.stream().filter(run -> run.path("status").asText().matches("running|waiting"))
                            .toList();
                    maxActive = Math.max(maxActive, active.size());
                    assertThat(active).as("never more than one run at a time").hasSizeLessThanOrEqualTo(1);
                    if (!active.isEmpty() && active.get(0).path("status").asText().equals("waiting")) {
                        current = active.get(0).path("id").asText();
                    } else {
                        Thread.sleep(20);
                    }
                }
                TestHttp via = nodes.get(done % 2);
                JsonNode task = via.get("/process-api/runtime/tasks?processInstanceId=" + current).json().path("data").get(0);
                TestHttp.Response completed = via.postJson("/process-api/runtime/tasks/" + task.path("id").asText(),
                        Map.of("action", "complete"));
                assertThat(completed.status()).as(completed.body()).isEqualTo(200);
            }

            List<JsonNode> runs = awaitAllCompleted(http);
            assertThat(maxActive).isEqualTo(1);
            runs.sort(Comparator.comparing(run -> Instant.parse(run.path("startedAt").asText())));
            List<Long> handOvers = new ArrayList<>();
            for (int i = 1; i < runs.size(); i++) {
                Instant previousEnd = Instant.parse(runs.get(i - 1).path("endedAt").asText());
                Instant nextStart = Instant.parse(runs.get(i).path("startedAt").asText());
                assertThat(nextStart).as("run %d began only after run %d ended", i + 1, i).isAfterOrEqualTo(previousEnd);
                assertThat(Instant.parse(runs.get(i).path("createdAt").asText()))
                        .as("first in, first out").isAfterOrEqualTo(Instant.parse(runs.get(i - 1).path("createdAt").asText()));
                handOvers.add(Duration.between(previousEnd, nextStart).toMillis());
            }
            JsonNode approvals = http.get("/process-api/history/historic-activity-instances?activityId=approve&tenantId=queue&size=1").json();
            assertThat(approvals.path("total").asInt()).as("each run's step ran exactly once").isEqualTo(RUNS);
            handOvers.sort(Long::compare);
            System.out.printf("Queue hand-over latency over %d hand-overs on two nodes (PostgreSQL %s): p50 %d ms, p95 %d ms, max %d ms%n",
                    handOvers.size(), pg.kind(), handOvers.get(handOvers.size() / 2),
                    handOvers.get((int) Math.ceil(handOvers.size() * 0.95) - 1), handOvers.get(handOvers.size() - 1));
        } finally {
            PostgresForTests.dropSchema(schema);
        }
    }

    private static List<String> startAll(List<TestHttp> nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<TestHttp.Response>> futures = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                TestHttp via = nodes.get(i % 2);
                int n = i;
                futures.add(pool.submit(() -> via.postJson("/api/executions", Map.of("clusterId", "queue",
                        "processKey", "oneAtATime", "businessKey", "start-" + n))));
            }
            List<String> ids = new ArrayList<>();
            for (Future<TestHttp.Response> future : futures) {
                TestHttp.Response response = future.get(2, TimeUnit.MINUTES);
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                ids.add(response.json().path("id").asText());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<JsonNode> list(TestHttp http) {
        List<JsonNode> items = new ArrayList<>();
        http.get("/api/executions?cluster=queue&size=500").json().path("items").forEach(items::add);
        assertThat(items).as("none lost").hasSize(RUNS);
        return items;
    }

    private static List<JsonNode> awaitAllCompleted(TestHttp http) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            List<JsonNode> items = list(http);
            if (items.stream().allMatch(run -> run.path("status").asText().equals("completed"))) {
                return items;
            }
            assertThat(Instant.now()).as("all runs complete").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static String bpmn() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:pveflow="http://pveflow.io/schema/bpmn"
                             targetNamespace="http://pveflow.io/test">
                  <process id="oneAtATime" name="One at a time" isExecutable="true">
                    <extensionElements><pveflow:concurrency group="cluster" limit="1"/></extensionElements>
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
                    <userTask id="approve" name="Approve"/>
                    <sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """;
    }
}
