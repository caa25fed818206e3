package io.pveflow.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import io.pveflow.server.testing.PostgresServerTest;
import io.pveflow.server.testing.TestHttp;

/** The groups table, the inbox's candidate queries and a timeout policy on PostgreSQL. */
class ApprovalsOnPostgresTest extends PostgresServerTest {

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;

    private void deploy(String key, String timeout, String policy) {
        String xml = ApprovalTestSupport.template()
                .replace("id=\"approvalTemplate\"", "id=\"" + key + "\"")
                .replace("bpmnElement=\"approvalTemplate\"", "bpmnElement=\"" + key + "\"")
                .replace("<timeDuration>PT24H</timeDuration>", "<timeDuration>" + timeout + "</timeDuration>")
                .replace("stringValue=\"auto_reject\"", "stringValue=\"" + policy + "\"");
        repository.createDeployment().tenantId("pgappr").addString(key + ".bpmn20.xml", xml).deploy();
    }

    private ProcessInstance start(String key) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("starter", null, List.of()));
        try {
            return runtime.startProcessInstanceByKeyAndTenantId(key, Map.of("vmid", 7), "pgappr");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private String endOf(String runId) throws InterruptedException {
        ApprovalTestSupport.await(() -> history.createHistoricProcessInstanceQuery().processInstanceId(runId).finished().count() == 1,
                Duration.ofSeconds(60), "run " + runId + " to end");
        return history.createHistoricActivityInstanceQuery().processInstanceId(runId).activityType("endEvent").list()
                .stream().map(a -> a.getActivityId()).filter(id -> !id.equals("reminded") && !id.equals("escalated"))
                .findFirst().orElseThrow();
    }

    @Test
    void approvalsWorkOnPostgres() throws Exception {
        TestHttp.Response created = admin().postJson("/api/users", Map.of("username", "pg-approver", "password",
                "pg-approver-password", "roles", Set.of("VIEWER"), "groups", Set.of("approvers")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("groups").toString()).isEqualTo("[\"approvers\"]");
        TestHttp approver = TestHttp.basic(baseUrl(), "pg-approver", "pg-approver-password");

        deploy("pgApproval", "PT1H", "fail");
        ProcessInstance run = start("pgApproval");
        Task task = tasks.createTaskQuery().processInstanceId(run.getId()).singleResult();
        JsonNode offered = approver.get("/api/tasks?assignment=groups&cluster=pgappr").json();
        assertThat(offered.path("items").get(0).path("id").asText()).isEqualTo(task.getId());
        assertThat(approver.get("/api/tasks").json().path("items").size()).isEqualTo(1);
        assertThat(approver.postJson("/api/tasks/" + task.getId() + "/claim", "").status()).isEqualTo(200);
        assertThat(approver.get("/api/tasks?assignment=mine").json().path("items").size()).isEqualTo(1);
        TestHttp.Response done = approver.postJson("/api/tasks/" + task.getId() + "/complete",
                Map.of("values", Map.of("decision", "approve")));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(endOf(run.getId())).isEqualTo("continue");

        deploy("pgTimeout", "PT1S", "auto_reject");
        ProcessInstance timed = start("pgTimeout");
        assertThat(endOf(timed.getId())).isEqualTo("rejectedEnd");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(timed.getId())
                .variableName("approval_decision").singleResult().getValue()).isEqualTo("reject");
        JsonNode audit = admin().get("/api/audit?action=approval-timed-out").json();
        assertThat(audit.toString()).contains(timed.getId());
    }
}
