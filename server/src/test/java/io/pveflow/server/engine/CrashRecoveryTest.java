package io.pveflow.server.engine;

import static io.pveflow.server.testing.ServerNode.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pveflow.server.processapi.ProcessApiContract;
import io.pveflow.server.testing.PostgresForTests;
import io.pveflow.server.testing.ServerNode;
import io.pveflow.server.testing.TestHttp;

/**
 * Crash safety with real server processes: a node is SIGKILLed while an async job runs, and the job is
 * completed afterwards, once. On PostgreSQL another node takes it over when the dead node's lock expires; on
 * the embedded H2 default the restarted node releases its own stale lock at start (its lock owner is stable).
 */
class CrashRecoveryTest {

    private static final String PASSWORD = "crash-test-admin-password";

    @TempDir
    Path work;

    @Test
    void anotherNodeCompletesTheJobOfAKilledNodeAfterItsLockExpires() throws Exception {
        String schema = PostgresForTests.newSchema("pveflow_crash");
        // The variables docker/compose.yaml sets, as an operator would.
        Map<String, String> database = with(PostgresForTests.serverEnvironment(schema, PASSWORD),
                "PVEFLOW_ALLOWED_DELEGATE_CLASSES", CrashProbeDelegate.class.getName(),
                // Short on purpose so the test waits seconds, not the production 5 minutes.
                "PVEFLOW_JOB_LOCK_TIME", "PT8S",
                "PVEFLOW_RESET_EXPIRED_JOBS_INTERVAL", "PT2S");
        Path probeLog = work.resolve("probe.log");
        try {
            String instance;
            try (ServerNode nodeA = ServerNode.start("a", with(database, "PVEFLOW_NODE_ID", "node-a",
                    "PVEFLOW_DATA_DIR", work.resolve("a").toString()), probe("node-a", probeLog, true))) {
                instance = deployAndStart(nodeA.as("admin", PASSWORD));
                await(Duration.ofSeconds(60), () -> events(probeLog).contains("node-a started " + instance),
                        "node-a picks up the job");
                nodeA.kill();
            }
            try (ServerNode nodeB = ServerNode.start("b", with(database, "PVEFLOW_NODE_ID", "node-b",
                    "PVEFLOW_DATA_DIR", work.resolve("b").toString()), probe("node-b", probeLog, false))) {
                TestHttp http = nodeB.as("admin", PASSWORD);
                await(Duration.ofSeconds(90), () -> ended(http, instance), "node-b completes the run");
                assertCompletedOnce(http, instance, "node-b");
            }
            assertThat(events(probeLog)).containsExactly(
                    "node-a started " + instance, "node-b started " + instance, "node-b finished " + instance);
        } finally {
            PostgresForTests.dropSchema(schema);
        }
    }

    @Test
    void theRestartedNodeReleasesItsOwnStaleLockAtOnceOnTheEmbeddedDefault() throws Exception {
        Path probeLog = work.resolve("probe.log");
        Map<String, String> embedded = Map.of(
                "PVEFLOW_DATA_DIR", work.resolve("data").toString(),
                "PVEFLOW_ADMIN_PASSWORD", PASSWORD,
                "PVEFLOW_NODE_ID", "single-node",
                "PVEFLOW_ALLOWED_DELEGATE_CLASSES", CrashProbeDelegate.class.getName(),
                // Long on purpose: the run can only finish promptly because the node unlocks its own jobs.
                "PVEFLOW_JOB_LOCK_TIME", "PT30M");
        String instance;
        try (ServerNode node = ServerNode.start("h2-first", embedded, probe("single-node", probeLog, true))) {
            instance = deployAndStart(node.as("admin", PASSWORD));
            await(Duration.ofSeconds(60), () -> events(probeLog).contains("single-node started " + instance),
                    "the node picks up the job");
            node.kill();
        }
        try (ServerNode restarted = ServerNode.start("h2-restarted", embedded, probe("single-node", probeLog, false))) {
            TestHttp http = restarted.as("admin", PASSWORD);
            await(Duration.ofSeconds(90), () -> ended(http, instance), "the restarted node completes the run");
            assertCompletedOnce(http, instance, "single-node");
        }
        assertThat(events(probeLog)).containsExactly("single-node started " + instance,
                "single-node started " + instance, "single-node finished " + instance);
    }

    private static String deployAndStart(TestHttp http) {
        TestHttp.Response deployed = http.postFile("/process-api/repository/deployments", "crash-probe.bpmn20.xml",
                ProcessApiContract.resource("crash-probe.bpmn20.xml"), Map.of("tenantId", "crash"));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        TestHttp.Response started = http.postJson("/process-api/runtime/process-instances",
                Map.of("processDefinitionKey", "crashProbe", "tenantId", "crash"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return started.json().path("id").asText();
    }

    private static boolean ended(TestHttp http, String instance) {
        JsonNode run = http.get("/process-api/history/historic-process-instances?processInstanceId=" + instance).json();
        return run.path("total").asInt() == 1 && run.path("data").get(0).hasNonNull("endTime");
    }

    private static void assertCompletedOnce(TestHttp http, String instance, String expectedNode) {
        JsonNode steps = http.get("/process-api/history/historic-activity-instances?processInstanceId=" + instance
                + "&activityId=probe").json();
        assertThat(steps.path("total").asInt()).as("the interrupted step completed exactly once").isEqualTo(1);
        assertThat(steps.path("data").get(0).hasNonNull("endTime")).isTrue();
        JsonNode completedBy = http.get("/process-api/history/historic-variable-instances?processInstanceId=" + instance
                + "&variableName=completedBy").json();
        assertThat(completedBy.path("data").get(0).path("variable").path("value").asText()).isEqualTo(expectedNode);
        JsonNode thread = http.get("/process-api/history/historic-variable-instances?processInstanceId=" + instance
                + "&variableName=thread").json();
        assertThat(thread.path("data").get(0).path("variable").path("value").asText())
                .as("jobs run on the engine's own pool").startsWith("pveflow-job-");
        assertThat(http.get("/process-api/management/jobs?processInstanceId=" + instance).json().path("total").asInt()).isZero();
        assertThat(http.get("/process-api/management/deadletter-jobs?processInstanceId=" + instance).json().path("total").asInt()).isZero();
    }

    private static Map<String, String> probe(String node, Path log, boolean hang) {
        return Map.of("crashprobe.node", node, "crashprobe.log", log.toString(), "crashprobe.hang", String.valueOf(hang));
    }

    private static List<String> events(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
    }
}
