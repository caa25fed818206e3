package io.pveflow.server.executions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.pveflow.server.testing.TestHttp;

/** Concurrency groups: queueing first in first out, refusing, system-wide runs; each case in a cluster of its own. */
class ConcurrencyGroupTest extends ExecutionTestSupport {

    private static final String PER_VM = "<pveflow:concurrency group=\"vm:${vmid}\" limit=\"1\"/>";

    @Test
    void aStartBeyondTheLimitQueuesAndBeginsOnItsOwnWhenTheSlotFrees() {
        cluster("queue-a");
        deployWithTask("queue-a", "perVm", PER_VM);
        String first = started("queue-a", "perVm", Map.of("vmid", 101));
        String second = started("queue-a", "perVm", Map.of("vmid", 101, "note", "queued with its variables"));
        String otherGuest = started("queue-a", "perVm", Map.of("vmid", 102));

        awaitStatus(first, "waiting");
        JsonNode queued = execution(second);
        assertThat(queued.path("status").asText()).isEqualTo("queued");
        assertThat(queued.path("concurrencyGroup").asText()).isEqualTo("vm:101");
        assertThat(queued.has("startedAt")).isFalse();
        awaitStatus(otherGuest, "waiting");
        assertThat(admin().get("/api/executions?cluster=queue-a&status=queued").json().path("items").findValuesAsText("id"))
                .containsExactly(second);

        completeTask(first);
        JsonNode begun = awaitStatus(second, "waiting");
        assertThat(begun.path("variables").path("note").asText()).isEqualTo("queued with its variables");
        assertThat(begun.path("startedBy").asText()).isEqualTo("admin");
    }

    @Test
    void aProcessThatRefusesWhenFullAnswers409WithTheBlockingExecution() {
        cluster("queue-b");
        deployWithTask("queue-b", "refusing", "<pveflow:concurrency group=\"node:${node}\" limit=\"2\" whenFull=\"refuse\"/>");
        String first = started("queue-b", "refusing", Map.of("node", "pve1"));
        started("queue-b", "refusing", Map.of("node", "pve1"));

        TestHttp.Response refused = start(admin(), "queue-b", "refusing", Map.of("node", "pve1"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("blockingExecutionId").asText()).isEqualTo(first);
        assertThat(refused.json().path("message").asText()).contains("node:pve1");
        assertThat(admin().get("/api/executions?cluster=queue-b").json().path("items").size()).as("nothing stored").isEqualTo(2);
        assertThat(start(admin(), "queue-b", "refusing", Map.of("node", "pve2")).status()).isEqualTo(201);

        TestHttp.Response missing = start(admin(), "queue-b", "refusing", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("variables.node");
    }

    @Test
    void aSystemWideRunWaitsForEveryRunOfItsClusterAndEveryLaterRunWaitsForIt() {
        cluster("queue-c");
        deployWithTask("queue-c", "ordinary", "");
        deployWithTask("queue-c", "systemWide", "<pveflow:concurrency group=\"cluster\" exclusive=\"true\"/>");
        String running = started("queue-c", "ordinary", Map.of());
        awaitStatus(running, "waiting");

        String exclusive = started("queue-c", "systemWide", Map.of());
        String later = started("queue-c", "ordinary", Map.of());
        assertThat(execution(exclusive).path("status").asText()).isEqualTo("queued");
        assertThat(execution(later).path("status").asText()).as("no overtaking the system-wide run").isEqualTo("queued");

        completeTask(running);
        awaitStatus(exclusive, "waiting");
        assertThat(execution(later).path("status").asText()).isEqualTo("queued");

        completeTask(exclusive);
        awaitStatus(later, "waiting");
        completeTask(later);
        awaitStatus(later, "completed");
    }

    @Test
    void aCancelledQueuedRunNeverStartsAndTheNextOneTakesTheSlot() {
        cluster("queue-d");
        deployWithTask("queue-d", "perVm", PER_VM);
        String holder = started("queue-d", "perVm", Map.of("vmid", 7));
        String cancelled = started("queue-d", "perVm", Map.of("vmid", 7));
        String next = started("queue-d", "perVm", Map.of("vmid", 7));
        awaitStatus(holder, "waiting");

        assertThat(operator().postJson("/api/executions/" + cancelled + "/cancel", Map.of("reason", "not needed")).status())
                .isEqualTo(200);
        assertThat(execution(cancelled).path("status").asText()).isEqualTo("cancelled");
        assertThat(execution(next).path("status").asText()).isEqualTo("queued");

        completeTask(holder);
        awaitStatus(next, "waiting");
        assertThat(execution(cancelled).path("status").asText()).isEqualTo("cancelled");
        assertThat(execution(cancelled).has("startedAt")).isFalse();
    }

    @Test
    void aMalformedDeclarationIsRefusedAtDeployNamingTheAttribute() {
        cluster("queue-e");
        for (String[] bad : new String[][] {
                {"<pveflow:concurrency group=\"cluster\" limit=\"many\"/>", "concurrency.limit"},
                {"<pveflow:concurrency group=\"vm:${vm.id}\"/>", "concurrency.group"},
                {"<pveflow:concurrency group=\"cluster\" whenFull=\"wait\"/>", "concurrency.whenFull"},
                {"<pveflow:retention days=\"-3\"/>", "retention"}}) {
            String bpmn = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:pveflow="http://pveflow.io/schema/bpmn"
                                 targetNamespace="http://pveflow.io/test">
                      <process id="badDeclaration" isExecutable="true">
                        <extensionElements>%s</extensionElements>
                        <startEvent id="start"/><sequenceFlow id="f" sourceRef="start" targetRef="end"/><endEvent id="end"/>
                      </process>
                    </definitions>
                    """.formatted(bad[0]);
            TestHttp.Response refused = admin().postFile("/process-api/repository/deployments", "bad.bpmn20.xml",
                    bpmn.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of("tenantId", "queue-e"));
            assertThat(refused.status()).as(bad[0]).isEqualTo(400);
            assertThat(refused.body()).as(bad[0]).contains("pveflow:" + bad[1]);
        }
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("badDeclaration").count()).isZero();
    }
}
