package io.pveflow.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.flowable.common.engine.api.FlowableForbiddenException;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import io.pveflow.server.testing.TestHttp;

/** {@code <pveflow:separationOfDuties/>}: the starter may not approve, through any door. */
class SeparationOfDutiesTest extends ApprovalTestSupport {

    /** The starter: Flowable's REST API is for admins, so the admin starts the runs there. */
    TestHttp starter() {
        return admin();
    }

    private String startThroughProcessApi(TestHttp who, String cluster, String key) {
        TestHttp.Response started = who.postJson("/process-api/runtime/process-instances",
                Map.of("processDefinitionKey", key, "tenantId", cluster));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return started.json().path("id").asText();
    }

    @Test
    void theStarterCanNeitherClaimNorCompleteNorBeDelegatedTo() throws Exception {
        String cluster = cluster("appr-sod");
        deployApproval(cluster, "sodApproval", "PT1H", "fail", "R1/PT1H", "PT1H", true);
        String runId = startThroughProcessApi(starter(), cluster, "sodApproval");
        Task task = openTask(runId);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(runId).singleResult().getStartUserId()).isEqualTo("admin");

        // PVEFlow's API: a clear 403.
        TestHttp.Response claim = starter().postJson("/api/tasks/" + task.getId() + "/claim", "");
        assertThat(claim.status()).isEqualTo(403);
        assertThat(claim.json().path("message").asText())
                .isEqualTo("Separation of duties: 'admin' started this run and may not claim its tasks");
        TestHttp.Response complete = starter().postJson("/api/tasks/" + task.getId() + "/complete",
                Map.of("values", Map.of("decision", "approve")));
        assertThat(complete.status()).isEqualTo(403);
        assertThat(complete.json().path("message").asText()).contains("may not complete");

        // Flowable's REST API: refused inside the engine, 403 too.
        TestHttp.Response restClaim = starter().postJson("/process-api/runtime/tasks/" + task.getId(),
                Map.of("action", "claim", "assignee", "admin"));
        assertThat(restClaim.status()).as(restClaim.body()).isEqualTo(403);
        assertThat(restClaim.body()).contains("Separation of duties");
        TestHttp.Response restComplete = starter().postJson("/process-api/runtime/tasks/" + task.getId(),
                Map.of("action", "complete", "variables", List.of(Map.of("name", "approval_decision", "value", "approve"))));
        assertThat(restComplete.status()).as(restComplete.body()).isEqualTo(403);
        TestHttp.Response restAssign = admin().putJson("/process-api/runtime/tasks/" + task.getId(), Map.of("assignee", "admin"));
        assertThat(restAssign.status()).as(restAssign.body()).isEqualTo(403);

        // The Java API as the admin.
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null, List.of()));
        try {
            assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("approval_decision", "approve")))
                    .isInstanceOf(FlowableForbiddenException.class).hasMessageContaining("'admin' started this run");
        } finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(openTask(runId)).as("nothing was completed").isNotNull();
        assertThat(openTask(runId).getAssignee()).isNull();

        // Someone else may; and may not hand it to the starter.
        assertThat(bob().postJson("/api/tasks/" + task.getId() + "/claim", "").status()).isEqualTo(200);
        TestHttp.Response toStarter = bob().postJson("/api/tasks/" + task.getId() + "/delegate", Map.of("user", "admin"));
        assertThat(toStarter.status()).isEqualTo(403);
        assertThat(toStarter.json().path("message").asText()).contains("may not be assigned");
        TestHttp.Response approved = bob().postJson("/api/tasks/" + task.getId() + "/complete",
                Map.of("values", Map.of("decision", "approve")));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(endedAt(runId, Duration.ofSeconds(30))).isEqualTo("continue");
    }

    @Test
    void withoutTheRuleTheStarterMayApproveAndFlowablesTaskEndpointsKeepWorking() throws Exception {
        String cluster = cluster("appr-nosod");
        deployApproval(cluster, "plainApproval", "PT1H", "fail", "R1/PT1H", "PT1H", false);
        String runId = startThroughProcessApi(starter(), cluster, "plainApproval");
        Task task = openTask(runId);
        assertThat(starter().postJson("/api/tasks/" + task.getId() + "/claim", "").status()).isEqualTo(200);
        assertThat(starter().postJson("/api/tasks/" + task.getId() + "/release", "").status()).isEqualTo(200);
        // The approval's rules hold on Flowable's endpoints too: a decision, and a comment to reject.
        TestHttp.Response noDecision = starter().postJson("/process-api/runtime/tasks/" + task.getId(),
                Map.of("action", "complete", "variables", List.of(Map.of("name", "approval_decision", "value", "perhaps"))));
        assertThat(noDecision.status()).as(noDecision.body()).isEqualTo(400);
        assertThat(noDecision.body()).contains("approval_decision = 'approve' or 'reject' (got 'perhaps')");
        TestHttp.Response noComment = starter().postJson("/process-api/runtime/tasks/" + task.getId(),
                Map.of("action", "complete", "variables", List.of(Map.of("name", "approval_decision", "value", "reject"))));
        assertThat(noComment.status()).as(noComment.body()).isEqualTo(400);
        assertThat(noComment.body()).contains("a rejection needs a comment");
        TestHttp.Response restComplete = starter().postJson("/process-api/runtime/tasks/" + task.getId(),
                Map.of("action", "complete", "variables", List.of(Map.of("name", "approval_decision", "value", "reject"),
                        Map.of("name", "approval_comment", "value", "scripted rejection"))));
        assertThat(restComplete.status()).as(restComplete.body()).isEqualTo(200);
        assertThat(endedAt(runId, Duration.ofSeconds(30))).isEqualTo("rejectedEnd");
        assertThat(finalVariable(runId, "approval_by")).isEqualTo("admin");
        assertThat(finalVariable(runId, "approval_at")).isNotNull();
    }
}
