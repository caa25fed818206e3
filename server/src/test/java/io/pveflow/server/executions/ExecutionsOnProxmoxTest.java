package io.pveflow.server.executions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.client.Upid;
import io.pveflow.server.demo.DemoSimulatorAccess;
import io.pveflow.sim.spec.FaultsSpec;

/**
 * Runs with Proxmox steps on the demo cluster (the simulator over HTTPS): a step's task with its exit status and
 * log in the run's detail, the live stream, and kill stopping the task in flight. Uses guests 116 and 117.
 */
class ExecutionsOnProxmoxTest extends ExecutionTestSupport {

    @Autowired
    ApplicationContext context;

    @Autowired
    PveClientRegistry clients;

    @AfterEach
    void clearFaults() {
        DemoSimulatorAccess.faults(context).clear();
    }

    private void deploySnapshot(String key) {
        deploy(key, "", """
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="snapshot"/>
                <serviceTask id="snapshot" name="Snapshot" flowable:delegateExpression="${pveSnapshotCreate}" flowable:triggerable="true">
                  <extensionElements>
                    <flowable:field name="vmid"><flowable:expression>${vmid}</flowable:expression></flowable:field>
                    <flowable:field name="snapname"><flowable:string>before-change</flowable:string></flowable:field>
                  </extensionElements>
                </serviceTask>
                <sequenceFlow id="f2" sourceRef="snapshot" targetRef="end"/>
                <endEvent id="end"/>
                """);
    }

    @Test
    void aStepShowsItsInputsOutputsAndTheProxmoxTaskWithItsLog() {
        deploySnapshot("pveDetail");
        String id = started("pveDetail", Map.of("vmid", 117));
        JsonNode run = awaitStatus(id, "completed");
        JsonNode step = stepOf(run, "snapshot");
        assertThat(step.path("activity").asText()).isEqualTo("pveSnapshotCreate");
        assertThat(step.path("inputs").path("vmid").asText()).isEqualTo("${vmid}");
        assertThat(step.path("inputs").path("snapname").asText()).isEqualTo("before-change");
        assertThat(step.path("pveTask").path("upid").asText()).startsWith("UPID:pve2:");
        assertThat(step.path("pveTask").path("exitStatus").asText()).isEqualTo("OK");
        assertThat(step.path("pveTask").path("log").size()).isPositive();
        assertThat(step.path("outputs").size()).isPositive();
    }

    @Test
    void eachInstanceOfAMultiInstanceStepShowsItsOwnTask() {
        String name = "mi" + System.nanoTime() % 100000;
        deploy("pveEachInstance", "", """
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="snapshot"/>
                <serviceTask id="snapshot" name="Snapshot" flowable:delegateExpression="${pveSnapshotCreate}"
                             flowable:async="true" flowable:exclusive="false" flowable:triggerable="true">
                  <extensionElements>
                    <flowable:field name="vmid"><flowable:expression>${vmid}</flowable:expression></flowable:field>
                    <flowable:field name="snapname"><flowable:string>%s</flowable:string></flowable:field>
                    <flowable:field name="resultVariable"><flowable:string>upid</flowable:string></flowable:field>
                  </extensionElements>
                  <multiInstanceLoopCharacteristics isSequential="false" flowable:collection="${vmids}" flowable:elementVariable="vmid"/>
                </serviceTask>
                <sequenceFlow id="f2" sourceRef="snapshot" targetRef="end"/>
                <endEvent id="end"/>
                """.formatted(name));
        String id = started("pveEachInstance", Map.of("vmids", List.of(116, 117)));
        JsonNode run = awaitStatus(id, "completed");
        List<String> upids = new ArrayList<>();
        for (JsonNode step : run.path("steps")) {
            if (step.path("activityId").asText().equals("snapshot") && step.path("pveTask").has("upid")) {
                upids.add(step.path("pveTask").path("upid").asText());
                assertThat(step.path("pveTask").path("exitStatus").asText()).isEqualTo("OK");
                assertThat(step.path("pveTask").path("log").size()).isPositive();
            }
        }
        // Every instance wrote the run-level result variable in turn; the tasks are recorded per instance.
        assertThat(upids).as(run.path("steps").toString()).hasSize(2)
                .anyMatch(u -> u.contains(":qmsnapshot:116:")).anyMatch(u -> u.contains(":qmsnapshot:117:"));
    }

    @Test
    void killCancelsTheRunAndStopsTheProxmoxTaskInFlight() throws Exception {
        DemoSimulatorAccess.faults(context).task(new FaultsSpec.TaskRule("qmsnapshot", 116, "hang", null, null));
        deploySnapshot("pveKill");
        String id = started("pveKill", Map.of("vmid", 116));
        JsonNode waiting = awaitExecution(id, r -> "pve-task".equals(r.path("waitingOn").asText()), "waiting on Proxmox");
        String upid = stepOf(waiting, "snapshot").path("pveTask").path("upid").asText();
        assertThat(upid).startsWith("UPID:pve1:");

        List<String> events = firstEvents(id, 2);
        assertThat(events.get(0)).startsWith("event:step");
        assertThat(events.get(1)).contains("\"waitingOn\":\"pve-task\"");

        assertThat(operator().postJson("/api/executions/" + id + "/kill", Map.of()).status()).isEqualTo(400);
        assertThat(operator().postJson("/api/executions/" + id + "/kill", Map.of("reason", "wrong snapshot")).status()).isEqualTo(200);
        JsonNode killed = execution(id);
        assertThat(killed.path("status").asText()).isEqualTo("cancelled");
        assertThat(killed.path("cancelReason").asText()).isEqualTo("wrong snapshot");
        var task = clients.client(CLUSTER).tasks().status(Upid.parse(upid));
        assertThat(task.status()).isEqualTo("stopped");
        assertThat(task.exitstatus()).contains("interrupted");
        assertThat(admin().get("/api/audit?action=kill").body()).contains(id).contains(upid);
    }

    private static JsonNode stepOf(JsonNode run, String activityId) {
        for (JsonNode step : run.path("steps")) {
            if (step.path("activityId").asText().equals(activityId)) {
                return step;
            }
        }
        throw new AssertionError("No step " + activityId + " in " + run);
    }

    /** The first lines of the run's event stream that name an event or carry its data. */
    private List<String> firstEvents(String id, int lines) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> response = client.send(admin().request("/api/executions/" + id + "/events")
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> seen = new ArrayList<>();
        try (Stream<String> body = response.body()) {
            Iterator<String> it = body.iterator();
            while (seen.size() < lines && it.hasNext()) {
                String line = it.next();
                if (line.startsWith("event:") || line.startsWith("data:")) {
                    seen.add(line);
                }
            }
        }
        return seen;
    }
}
