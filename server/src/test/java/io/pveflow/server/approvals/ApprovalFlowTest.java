package io.pveflow.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.Test;

import io.pveflow.server.testing.TestHttp;

/** The Approval element end to end: real engine, the shipped template, the inbox API over real HTTP. */
class ApprovalFlowTest extends ApprovalTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    org.flowable.engine.ManagementService management;

    @Test
    void anApproverApprovesAndTheRunGoesOn() throws Exception {
        String cluster = cluster("appr-ok");
        deployApproval(cluster, "resizeApproval", "PT1H", "fail", "R1/PT1H", "PT1H", true);
        ProcessInstance run = startAs("dave", cluster, "resizeApproval",
                Map.of("vmid", 101, "apiToken", "tok-should-not-show"));
        Task task = openTask(run.getId());

        // Offered to the approvers group: alice sees it to claim, carol (another group) and dave (the starter) do not.
        JsonNode offered = alice().get("/api/tasks?assignment=groups&cluster=" + cluster).json();
        assertThat(ids(offered.path("items"))).contains(task.getId());
        assertThat(ids(carol().get("/api/tasks").json().path("items"))).doesNotContain(task.getId());
        assertThat(carol().get("/api/tasks/" + task.getId()).status()).isEqualTo(404);
        assertThat(ids(admin().get("/api/tasks?assignment=all&cluster=" + cluster).json().path("items"))).contains(task.getId());
        assertThat(alice().get("/api/tasks?assignment=all").status()).isEqualTo(403);
        assertThat(alice().get("/api/tasks?assignment=someone").status()).isEqualTo(400);

        JsonNode detail = alice().get("/api/tasks/" + task.getId()).json();
        assertThat(detail.path("task").path("clusterId").asText()).isEqualTo(cluster);
        assertThat(detail.path("task").path("approval").asBoolean()).isTrue();
        assertThat(detail.path("task").path("candidateGroups").toString()).contains("approvers");
        assertThat(detail.path("task").path("separationOfDuties").asBoolean()).isTrue();
        assertThat(detail.path("form").path("id").asText()).isEqualTo("pveflow:approval");
        JsonNode context = detail.path("context");
        assertThat(context.path("processKey").asText()).isEqualTo("resizeApproval");
        assertThat(context.path("processVersion").asInt()).isEqualTo(1);
        assertThat(context.path("startedBy").asText()).isEqualTo("dave");
        assertThat(context.path("inputs").path("vmid").asInt()).isEqualTo(101);
        assertThat(context.path("inputs").path("apiToken").asText()).isEqualTo(RunContext.MASK);
        assertThat(detail.toString()).doesNotContain("tok-should-not-show");
        assertThat(context.path("currentActivity").path("id").asText()).isEqualTo("approval");
        String next = context.path("next").toString();
        assertThat(next).contains("\"decision\"").contains("rejectedEnd").contains("\"approvalTimeout\"").contains("PT1H");
        assertThat(alice().get("/api/tasks/" + task.getId() + "/xml").body()).contains("resizeApproval");

        TestHttp.Response claimed = alice().postJson("/api/tasks/" + task.getId() + "/claim", "");
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.json().path("assignee").asText()).isEqualTo("alice");
        assertThat(bob().postJson("/api/tasks/" + task.getId() + "/claim", "").status()).isEqualTo(409);
        assertThat(ids(alice().get("/api/tasks?assignment=mine").json().path("items"))).contains(task.getId());
        assertThat(ids(bob().get("/api/tasks?assignment=groups").json().path("items"))).doesNotContain(task.getId());
        // Someone else's claimed task cannot be completed by a group member.
        assertThat(bob().postJson("/api/tasks/" + task.getId() + "/complete", Map.of("values", Map.of("decision", "approve")))
                .status()).isEqualTo(403);

        TestHttp.Response done = alice().postJson("/api/tasks/" + task.getId() + "/complete",
                Map.of("values", Map.of("decision", "approve", "comment", "fine by me")));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(endedAt(run.getId(), Duration.ofSeconds(30))).isEqualTo("continue");
        assertThat(finalVariable(run.getId(), "approval_decision")).isEqualTo("approve");
        assertThat(finalVariable(run.getId(), "approval_comment")).isEqualTo("fine by me");
        assertThat(finalVariable(run.getId(), "approval_by")).isEqualTo("alice");
        assertThat(finalVariable(run.getId(), "approval_at")).isNotNull();

        assertThat(audit("task-claimed", task.getId()).path("actor").asText()).isEqualTo("alice");
        JsonNode completed = audit("task-completed", task.getId());
        assertThat(completed.path("actor").asText()).isEqualTo("alice");
        assertThat(completed.path("clusterId").asText()).isEqualTo(cluster);
        assertThat(completed.path("details").asText()).contains("decision=approve");
        assertThat(alice().get("/api/tasks/" + task.getId()).status()).isEqualTo(404);
    }

    @Test
    void aRejectionNeedsACommentAndTakesTheRejectPath() throws Exception {
        String cluster = cluster("appr-reject");
        deployApproval(cluster, "deleteApproval", "PT1H", "fail", "R1/PT1H", "PT1H", false);
        ProcessInstance run = startAs("dave", cluster, "deleteApproval", Map.of());
        Task task = openTask(run.getId());

        TestHttp.Response noComment = bob().postJson("/api/tasks/" + task.getId() + "/complete",
                Map.of("values", Map.of("decision", "reject")));
        assertThat(noComment.status()).isEqualTo(400);
        assertThat(noComment.json().path("errors").path("comment").asText()).contains("required when rejecting");
        TestHttp.Response badDecision = bob().postJson("/api/tasks/" + task.getId() + "/complete",
                Map.of("values", Map.of("decision", "maybe", "extra", 1)));
        assertThat(badDecision.status()).isEqualTo(400);
        assertThat(badDecision.json().path("errors").path("decision").asText()).contains("must be one of [approve, reject]");
        assertThat(badDecision.json().path("errors").path("extra").asText()).contains("not a field");
        assertThat(openTask(run.getId())).as("refused completions change nothing").isNotNull();

        // Release and delegate: bob claims, releases, claims again and hands it to alice, who rejects.
        assertThat(bob().postJson("/api/tasks/" + task.getId() + "/claim", "").status()).isEqualTo(200);
        assertThat(bob().postJson("/api/tasks/" + task.getId() + "/release", "").json().path("assignee").isNull()).isTrue();
        assertThat(bob().postJson("/api/tasks/" + task.getId() + "/claim", "").status()).isEqualTo(200);
        assertThat(bob().postJson("/api/tasks/" + task.getId() + "/delegate", Map.of("user", "nobody-here")).status())
                .isEqualTo(400);
        TestHttp.Response delegated = bob().postJson("/api/tasks/" + task.getId() + "/delegate", Map.of("user", "carol"));
        assertThat(delegated.status()).as(delegated.body()).isEqualTo(200);
        assertThat(delegated.json().path("assignee").asText()).isEqualTo("carol");
        assertThat(delegated.json().path("owner").asText()).isEqualTo("bob");
        assertThat(ids(carol().get("/api/tasks?assignment=mine").json().path("items"))).contains(task.getId());

        TestHttp.Response rejected = carol().postJson("/api/tasks/" + task.getId() + "/complete",
                Map.of("values", Map.of("decision", "reject", "comment", "not during the freeze")));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(endedAt(run.getId(), Duration.ofSeconds(30))).isEqualTo("rejectedEnd");
        assertThat(finalVariable(run.getId(), "approval_decision")).isEqualTo("reject");
        assertThat(finalVariable(run.getId(), "approval_by")).isEqualTo("carol");

        assertThat(audit("task-released", task.getId()).path("actor").asText()).isEqualTo("bob");
        assertThat(audit("task-delegated", task.getId()).path("details").asText()).contains("to=carol");
        assertThat(audit("task-completed", task.getId()).path("details").asText()).contains("decision=reject");
    }

    @Test
    void eachTimeoutPolicyDecidesWhenNobodyDoes() throws Exception {
        String cluster = cluster("appr-timeout");
        try (HookReceiver hook = HookReceiver.start()) {
            notifier(cluster, "timeouts", hook.url());
            rule(cluster, "approval-timed-out", null, "timeouts");
            Map<String, String> runs = new LinkedHashMap<>();
            for (String policy : List.of("fail", "auto_approve", "auto_reject", "skip")) {
                String key = "timeout_" + policy;
                deployApproval(cluster, key, "PT1S", policy, "R1/PT1H", "PT1H", false);
                runs.put(policy, startAs("dave", cluster, key, Map.of()).getId());
            }
            // fail: the task is gone, the run stands failed with an incident on the failing step.
            await(() -> !management.createDeadLetterJobQuery().processInstanceId(runs.get("fail")).list().isEmpty(),
                    Duration.ofSeconds(60), "the fail policy's incident");
            var incident = management.createDeadLetterJobQuery().processInstanceId(runs.get("fail")).singleResult();
            assertThat(incident.getElementId()).isEqualTo("failRun");
            assertThat(incident.getExceptionMessage()).contains("Approval 'approval' got no decision before its timeout");
            assertThat(openTask(runs.get("fail"))).isNull();
            assertThat(runtime.getVariable(runs.get("fail"), "approval_decision")).isEqualTo("timed-out");
            assertThat(endedAt(runs.get("auto_approve"), Duration.ofSeconds(60))).isEqualTo("continue");
            assertThat(finalVariable(runs.get("auto_approve"), "approval_decision")).isEqualTo("approve");
            assertThat(endedAt(runs.get("auto_reject"), Duration.ofSeconds(60))).isEqualTo("rejectedEnd");
            assertThat(finalVariable(runs.get("auto_reject"), "approval_decision")).isEqualTo("reject");
            assertThat(endedAt(runs.get("skip"), Duration.ofSeconds(60))).isEqualTo("continue");
            assertThat(finalVariable(runs.get("skip"), "approval_decision")).isEqualTo("skipped");
            for (String runId : runs.values()) {
                await(() -> finalVariable(runId, "approval_by") != null, Duration.ofSeconds(10), "approval_by");
                assertThat(finalVariable(runId, "approval_by")).isEqualTo("system");
                assertThat(finalVariable(runId, "approval_timedOut")).isEqualTo(Boolean.TRUE);
            }
            JsonNode timedOut = audit("approval-timed-out", null);
            assertThat(timedOut.path("actor").asText()).isEqualTo("system");
            assertThat(timedOut.path("clusterId").asText()).isEqualTo(cluster);

            JsonNode message = hook.await(b -> b.path("event").path("type").asText().equals("approval-timed-out")
                    && b.path("event").path("processInstanceId").asText().equals(runs.get("auto_reject")), Duration.ofSeconds(30));
            assertThat(message.path("subject").asText()).isEqualTo("[appr-timeout] Timed out: Approve in Approval");
            assertThat(message.path("event").path("detail").asText()).contains("auto_reject");
            for (String runId : runs.values()) {
                hook.await(b -> b.path("event").path("processInstanceId").asText().equals(runId), Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void remindersAndAnEscalationReachTheirReceiversWithASignedLink() throws Exception {
        String cluster = cluster("appr-remind");
        try (HookReceiver hook = HookReceiver.start()) {
            notifier(cluster, "approvers-hook", hook.url());
            rule(cluster, "approval-waiting", "escalating", "approvers-hook");
            deployApproval(cluster, "escalating", "PT1H", "fail", "R1/PT1S", "PT2S", false);
            ProcessInstance run = startAs("dave", cluster, "escalating", Map.of());
            Task task = openTask(run.getId());
            assertThat(ids(carol().get("/api/tasks").json().path("items"))).doesNotContain(task.getId());

            JsonNode waiting = hook.await(b -> b.path("event").path("taskId").asText().equals(task.getId())
                    && !b.path("event").has("detail"), Duration.ofSeconds(30));
            assertThat(waiting.path("subject").asText()).isEqualTo("[appr-remind] Waiting for you: Approve in Approval");
            JsonNode reminder = hook.await(b -> b.path("event").path("detail").asText().equals("Reminder"), Duration.ofSeconds(30));
            assertThat(reminder.path("event").path("taskId").asText()).isEqualTo(task.getId());
            JsonNode escalation = hook.await(b -> b.path("event").path("detail").asText().startsWith("Escalated"),
                    Duration.ofSeconds(30));
            assertThat(escalation.path("event").path("detail").asText()).isEqualTo("Escalated to approvers-leads");
            String link = escalation.path("event").path("link").asText();
            assertThat(link).startsWith("/inbox/tasks/" + task.getId() + "?exp=").contains("&sig=");
            assertThat(escalation.path("message").asText()).contains("Open: " + link);

            // The link checks out (signed-in users only); the escalation group may now act on the task.
            String query = link.substring(link.indexOf('?') + 1);
            TestHttp.Response verified = carol().get("/api/tasks/links/verify?task=" + task.getId() + "&" + query);
            assertThat(verified.status()).as(verified.body()).isEqualTo(200);
            assertThat(anonymous().get("/api/tasks/links/verify?task=" + task.getId() + "&" + query).status()).isEqualTo(401);
            await(() -> ids(carol().get("/api/tasks?assignment=groups").json().path("items")).contains(task.getId()),
                    Duration.ofSeconds(10), "the escalation group to see the task");
            assertThat(carol().postJson("/api/tasks/" + task.getId() + "/complete",
                    Map.of("values", Map.of("decision", "approve"))).status()).isEqualTo(200);
            assertThat(endedAt(run.getId(), Duration.ofSeconds(30))).isEqualTo("continue");
            assertThat(audit("approval-escalated", task.getId()).path("details").asText()).contains("approvers-leads");
        }
    }

    @Test
    void anEscalationCanGoStraightToTheNotifiersItNames() throws Exception {
        String cluster = cluster("appr-direct");
        try (HookReceiver leads = HookReceiver.start()) {
            notifier(cluster, "leads-hook", leads.url());
            String xml = template().replace("id=\"approvalTemplate\"", "id=\"directEscalation\"")
                    .replace("bpmnElement=\"approvalTemplate\"", "bpmnElement=\"directEscalation\"")
                    .replace("<timeDuration>PT12H</timeDuration>", "<timeDuration>PT1S</timeDuration>")
                    .replace("<flowable:field name=\"group\" stringValue=\"approvers-leads\"/>",
                            "<flowable:field name=\"group\" stringValue=\"approvers-leads\"/>"
                                    + "<flowable:field name=\"notifiers\" stringValue=\"leads-hook\"/>");
            repository.createDeployment().tenantId(cluster).addString("direct.bpmn20.xml", xml).deploy();
            ProcessInstance run = startAs("dave", cluster, "directEscalation", Map.of("vmid", 300));
            Task task = openTask(run.getId());
            JsonNode message = leads.await(b -> b.path("event").path("taskId").asText().equals(task.getId()),
                    Duration.ofSeconds(30));
            assertThat(message.path("origin").asText()).isEqualTo("task:" + task.getId());
            assertThat(message.path("subject").asText())
                    .isEqualTo("[appr-direct] Waiting for you: Approve in Approval (Escalated to approvers-leads)");
            assertThat(message.path("event").path("link").asText()).startsWith("/inbox/tasks/" + task.getId());
            // No rule exists: nothing else (no "waiting" message) reached the notifier.
            Thread.sleep(500);
            assertThat(leads.bodies()).hasSize(1);
        }
    }

    void notifier(String cluster, String name, String url) {
        TestHttp.Response created = admin().postJson("/api/clusters/" + cluster + "/notifiers",
                Map.of("name", name, "type", "webhook", "settings", Map.of("url", url, "signingSecret", "approval-hook-secret-1")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    void rule(String cluster, String event, String processKey, String notifier) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("processDefinitionKey", processKey);
        body.put("notifiers", List.of(notifier));
        TestHttp.Response created = admin().postJson("/api/clusters/" + cluster + "/notification-rules", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    static List<String> ids(JsonNode items) {
        List<String> ids = new java.util.ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
