package io.pveflow.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.history.HistoricActivityInstance;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/** Users with groups, clusters, the approval template with short timers, and waiting helpers. */
abstract class ApprovalTestSupport extends H2ServerTest {

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService history;

    String cluster(String id) {
        return placeholderCluster(id);
    }

    /** Creates (once) a user with a role and groups; answers a client signed in as them. */
    TestHttp user(String name, String role, Set<String> groups) {
        String password = name + "-password-42";
        if (admin().get("/api/users/" + name).status() == 404) {
            TestHttp.Response created = admin().postJson("/api/users",
                    Map.of("username", name, "password", password, "roles", Set.of(role), "groups", groups));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        return TestHttp.basic(baseUrl(), name, password);
    }

    TestHttp alice() {
        return user("alice", "OPERATOR", Set.of("approvers"));
    }

    TestHttp bob() {
        return user("bob", "VIEWER", Set.of("approvers", "ops"));
    }

    TestHttp carol() {
        return user("carol", "OPERATOR", Set.of("approvers-leads"));
    }

    TestHttp dave() {
        return user("dave", "OPERATOR", Set.of());
    }

    static String template() {
        try (InputStream in = ApprovalTestSupport.class.getResourceAsStream("/approvals/approval-template.bpmn20.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped template as process {@code key}, with the given timers and timeout policy. */
    void deployApproval(String cluster, String key, String timeout, String policy, String reminderCycle,
                        String escalation, boolean separationOfDuties) {
        String xml = template()
                .replace("id=\"approvalTemplate\"", "id=\"" + key + "\"")
                .replace("bpmnElement=\"approvalTemplate\"", "bpmnElement=\"" + key + "\"")
                .replace("<timeDuration>PT24H</timeDuration>", "<timeDuration>" + timeout + "</timeDuration>")
                .replace("stringValue=\"auto_reject\"", "stringValue=\"" + policy + "\"")
                .replace("R3/PT4H", reminderCycle)
                .replace("<timeDuration>PT12H</timeDuration>", "<timeDuration>" + escalation + "</timeDuration>");
        if (!separationOfDuties) {
            xml = xml.replace("<pveflow:separationOfDuties/>", "");
        }
        repository.createDeployment().tenantId(cluster).name(key).addString(key + ".bpmn20.xml", xml).deploy();
    }

    /** Starts a run as {@code starter}, the way a signed-in user's request would. */
    ProcessInstance startAs(String starter, String cluster, String key, Map<String, Object> variables) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(starter, null, List.of()));
        try {
            return runtime.startProcessInstanceByKeyAndTenantId(key, variables, cluster);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    Task openTask(String runId) {
        return taskService.createTaskQuery().processInstanceId(runId).taskDefinitionKey("approval").singleResult();
    }

    /** The end event the finished run reached. */
    String endedAt(String runId, Duration timeout) throws InterruptedException {
        await(() -> {
            HistoricProcessInstance run = history.createHistoricProcessInstanceQuery().processInstanceId(runId).singleResult();
            return run != null && run.getEndTime() != null;
        }, timeout, "run " + runId + " to end");
        return history.createHistoricActivityInstanceQuery().processInstanceId(runId).activityType("endEvent").list()
                .stream().map(HistoricActivityInstance::getActivityId)
                .filter(id -> !id.equals("reminded") && !id.equals("escalated"))
                .findFirst().orElseThrow();
    }

    Object finalVariable(String runId, String name) {
        var variable = history.createHistoricVariableInstanceQuery().processInstanceId(runId).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Timed out waiting for " + what);
    }

    JsonNode audit(String action, String targetId) {
        JsonNode events = admin().get("/api/audit?action=" + action + "&limit=1000").json();
        for (JsonNode event : events) {
            if (targetId == null || targetId.equals(event.path("targetId").asText())) {
                return event;
            }
        }
        throw new AssertionError("No audit entry " + action + " for " + targetId + " in " + events);
    }
}
