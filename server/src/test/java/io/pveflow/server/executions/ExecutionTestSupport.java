package io.pveflow.server.executions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/** Deploys small processes on the demo cluster and drives runs through {@code /api/executions}. */
abstract class ExecutionTestSupport extends H2ServerTest {

    static final String CLUSTER = "demo";

    @Autowired
    protected RepositoryService repository;

    @Autowired
    protected TaskService tasks;

    @Autowired
    protected RuntimeService runtime;

    /**
     * Runs this class left active on the shared demo cluster are ended: the test context is shared, and a cluster
     * with runs in progress cannot be removed (DemoClusterTest turns the demo off and on).
     */
    @AfterEach
    void endLeftoverDemoRuns() {
        runtime.createProcessInstanceQuery().processInstanceTenantId(CLUSTER).list().stream()
                .filter(run -> run.getProcessDefinitionKey() != null && deployedKeys.contains(run.getProcessDefinitionKey()))
                .forEach(run -> runtime.deleteProcessInstance(run.getId(), "test cleanup"));
    }

    private final java.util.Set<String> deployedKeys = new java.util.HashSet<>();

    /** A process whose run waits on one user task {@code approve}; {@code extensions} go into the process. */
    protected void deployWithTask(String key, String extensions) {
        deployWithTask(CLUSTER, key, extensions);
    }

    protected void deployWithTask(String cluster, String key, String extensions) {
        deploy(cluster, key, extensions, """
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
                <userTask id="approve" name="Approve"/>
                <sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>
                <endEvent id="end"/>
                """);
    }

    protected void deploy(String key, String extensions, String body) {
        deploy(CLUSTER, key, extensions, body);
    }

    protected void cluster(String id) {
        placeholderCluster(id);
    }

    protected void deploy(String cluster, String key, String extensions, String body) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             xmlns:pveflow="http://pveflow.io/schema/bpmn" targetNamespace="http://pveflow.io/test">
                  <process id="%s" name="%s" isExecutable="true">
                    %s
                    %s
                  </process>
                </definitions>
                """.formatted(key, key, extensions.isBlank() ? "" : "<extensionElements>" + extensions + "</extensionElements>", body);
        deployedKeys.add(key);
        repository.createDeployment().tenantId(cluster).addBytes(key + ".bpmn20.xml", bpmn.getBytes(StandardCharsets.UTF_8)).deploy();
    }

    protected TestHttp operator() {
        return userWithRole("OPERATOR");
    }

    protected TestHttp.Response start(TestHttp as, String key, Map<String, Object> variables) {
        return start(as, CLUSTER, key, variables);
    }

    protected TestHttp.Response start(TestHttp as, String cluster, String key, Map<String, Object> variables) {
        return as.postJson("/api/executions", Map.of("clusterId", cluster, "processKey", key, "variables", variables));
    }

    protected String started(String key, Map<String, Object> variables) {
        return started(CLUSTER, key, variables);
    }

    protected String started(String cluster, String key, Map<String, Object> variables) {
        TestHttp.Response response = start(admin(), cluster, key, variables);
        if (response.status() != 201) {
            throw new AssertionError("start failed: " + response.status() + " " + response.body());
        }
        return response.json().path("id").asText();
    }

    protected JsonNode execution(String id) {
        TestHttp.Response response = admin().get("/api/executions/" + id);
        if (response.status() != 200) {
            throw new AssertionError("GET execution failed: " + response.status() + " " + response.body());
        }
        return response.json();
    }

    protected JsonNode awaitExecution(String id, Predicate<JsonNode> condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90)); // generous: a loaded 2-core machine is slow
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = execution(id);
            if (condition.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("Execution " + id + " never became " + what + "; last: " + last);
    }

    protected JsonNode awaitStatus(String id, String status) {
        return awaitExecution(id, run -> status.equals(run.path("status").asText()), status);
    }

    protected void completeTask(String runId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Task task = tasks.createTaskQuery().processInstanceId(runId).singleResult();
            if (task != null) {
                tasks.complete(task.getId());
                return;
            }
            sleep(50);
        }
        throw new AssertionError("No task appeared in run " + runId);
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
