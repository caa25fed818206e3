package io.pveflow.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.pveflow.server.testing.TestHttp;

/** Notifiers and rules over HTTP: admin-only changes, precise validation, secrets that never come back. */
@ExtendWith(OutputCaptureExtension.class)
class NotifierApiTest extends NotificationTestSupport {

    private static final String BOT_TOKEN = "123456789:AAHsecretBotTokenValue_abcdefghijkl";
    private static final String SLACK_URL = "https://hooks.slack.com/services/T000/B000/slackSecretPart42";

    @Autowired
    JdbcClient jdbc;

    private final List<TestHttp.Response> responses = new ArrayList<>();

    private TestHttp.Response keep(TestHttp.Response response) {
        responses.add(response);
        return response;
    }

    @Test
    void addsReadsChangesAndRemovesANotifierWithoutEverReturningItsSecret(CapturedOutput output) {
        String cluster = cluster("notify-api");
        TestHttp.Response created = keep(admin().postJson("/api/clusters/" + cluster + "/notifiers", Map.of(
                "name", "ops-telegram", "type", "telegram", "description", "on-call chat",
                "settings", Map.of("botToken", BOT_TOKEN, "chatId", -1001234567890L))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/clusters/notify-api/notifiers/ops-telegram");
        JsonNode view = created.json();
        assertThat(view.path("type").asText()).isEqualTo("telegram");
        assertThat(view.path("settings").path("chatId").asText()).isEqualTo("-1001234567890");
        assertThat(view.path("settings").path("apiUrl").asText()).isEqualTo("https://api.telegram.org");
        assertThat(view.path("settings").has("botToken")).isFalse();
        assertThat(view.path("secretsSet").path("botToken").asBoolean()).isTrue();

        TestHttp viewer = userWithRole("VIEWER");
        TestHttp.Response listed = keep(viewer.get("/api/clusters/" + cluster + "/notifiers"));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("name")).contains("ops-telegram");
        assertThat(keep(viewer.get("/api/clusters/" + cluster + "/notifiers/ops-telegram")).status()).isEqualTo(200);

        TestHttp.Response changed = keep(admin().putJson("/api/clusters/" + cluster + "/notifiers/ops-telegram", Map.of(
                "settings", Map.of("chatId", "@pveflow_ops", "parseMode", "html"), "enabled", false)));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("settings").path("parseMode").asText()).isEqualTo("HTML");
        assertThat(changed.json().path("enabled").asBoolean()).isFalse();
        assertThat(changed.json().path("secretsSet").path("botToken").asBoolean())
                .as("an absent secret keeps the stored one").isTrue();

        String stored = jdbc.sql("SELECT secrets_json FROM notifier WHERE cluster_id = ? AND name = ?")
                .params(cluster, "ops-telegram").query(String.class).single();
        assertThat(stored).doesNotContain(BOT_TOKEN).contains("\"botToken\":\"v1:");

        assertThat(keep(admin().delete("/api/clusters/" + cluster + "/notifiers/ops-telegram")).status()).isEqualTo(204);
        assertThat(keep(admin().get("/api/clusters/" + cluster + "/notifiers/ops-telegram")).status()).isEqualTo(404);

        for (TestHttp.Response response : responses) {
            assertThat(response.body()).doesNotContain(BOT_TOKEN).doesNotContain("AAHsecret");
        }
        assertThat(output.getAll()).doesNotContain(BOT_TOKEN).doesNotContain("AAHsecret");
    }

    @Test
    void namesEveryBadField() {
        String cluster = cluster("notify-api");
        JsonNode errors = admin().postJson("/api/clusters/" + cluster + "/notifiers", Map.of(
                "name", "Bad Name", "type", "email",
                "settings", Map.of("host", "smtp://mail.example.com", "port", 70000, "security", "ssl",
                        "username", "robot", "from", "not-an-address", "to", List.of("ops@example.com", "nobody"),
                        "colour", "blue"))).json().path("errors");
        assertThat(errors.path("name").asText()).contains("lower-case");
        assertThat(errors.path("settings.host").asText()).contains("host name");
        assertThat(errors.path("settings.security").asText()).contains("starttls");
        assertThat(errors.path("settings.port").asText()).contains("1 to 65535");
        assertThat(errors.path("settings.password").asText()).contains("required");
        assertThat(errors.path("settings.from").asText()).contains("e-mail address");
        assertThat(errors.path("settings.to[1]").asText()).contains("e-mail address");
        assertThat(errors.has("settings.to[0]")).isFalse();
        assertThat(errors.path("settings.colour").asText()).contains("not a setting of a email notifier");

        JsonNode urls = admin().postJson("/api/clusters/" + cluster + "/notifiers", Map.of(
                "name", "hook", "type", "webhook",
                "settings", Map.of("url", "ftp://example.com/in", "signingSecret", "short"))).json().path("errors");
        assertThat(urls.path("settings.url").asText()).contains("http:// or https://");
        assertThat(urls.path("settings.signingSecret").asText()).contains("16 to 512");

        JsonNode slack = admin().postJson("/api/clusters/" + cluster + "/notifiers", Map.of(
                "name", "slack", "type", "slack", "settings", Map.of("webhookUrl", "javascript:alert(1)")))
                .json().path("errors");
        assertThat(slack.path("settings.webhookUrl").asText()).contains("http:// or https://").doesNotContain("alert");

        JsonNode type = admin().postJson("/api/clusters/" + cluster + "/notifiers", Map.of(
                "name", "x", "type", "pager")).json().path("errors");
        assertThat(type.path("type").asText()).contains("slack, telegram, email, webhook, ntfy or gotify");

        assertThat(admin().postJson("/api/clusters/no-such-cluster/notifiers", Map.of("name", "x", "type", "slack"))
                .status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsChangeTestOrReadTheRecordAndTheRules() {
        String cluster = cluster("notify-api");
        addNotifier(cluster, "ops-gotify", "gotify", Map.of("serverUrl", "http://127.0.0.1:9", "appToken", "AbCdEf123"));
        TestHttp operator = userWithRole("OPERATOR");
        String base = "/api/clusters/" + cluster;
        assertThat(operator.postJson(base + "/notifiers", Map.of("name", "x", "type", "slack")).status()).isEqualTo(403);
        assertThat(operator.putJson(base + "/notifiers/ops-gotify", Map.of()).status()).isEqualTo(403);
        assertThat(operator.delete(base + "/notifiers/ops-gotify").status()).isEqualTo(403);
        assertThat(operator.postJson(base + "/notifiers/ops-gotify/test", "").status()).isEqualTo(403);
        assertThat(operator.get(base + "/notifications").status()).isEqualTo(403);
        assertThat(operator.get(base + "/notification-rules").status()).isEqualTo(403);
        assertThat(operator.postJson(base + "/notification-rules", Map.of("event", "run-failed")).status()).isEqualTo(403);
        assertThat(operator.get(base + "/notifiers/ops-gotify").status()).isEqualTo(200);
        assertThat(anonymous().get(base + "/notifiers").status()).isEqualTo(401);
    }

    @Test
    void keepsRulesThatNameExistingNotifiersAndProtectsNotifiersInUse() {
        String cluster = cluster("notify-rules");
        addNotifier(cluster, "ops-ntfy", "ntfy", Map.of("topic", "pveflow-ops"));
        String base = "/api/clusters/" + cluster + "/notification-rules";

        JsonNode bad = admin().postJson(base, Map.of("event", "run-exploded", "processDefinitionKey", "1bad key",
                "notifiers", List.of("ops-ntfy", "nobody"))).json().path("errors");
        assertThat(bad.path("event").asText()).contains("run-failed, run-completed");
        assertThat(bad.path("processDefinitionKey").asText()).contains("process id");
        assertThat(bad.path("notifiers[1]").asText()).contains("no notifier 'nobody'");

        TestHttp.Response created = admin().postJson(base, Map.of("event", "run-failed",
                "processDefinitionKey", "snapshotRotation", "notifiers", List.of("ops-ntfy")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.json().path("event").asText()).isEqualTo("run-failed");
        assertThat(admin().get(base).json().findValuesAsText("id")).contains(id);

        TestHttp.Response inUse = admin().delete("/api/clusters/" + cluster + "/notifiers/ops-ntfy");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().path("message").asText()).contains(id);

        TestHttp.Response changed = admin().putJson(base + "/" + id, Map.of("event", "run-completed",
                "notifiers", List.of("ops-ntfy"), "enabled", false));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("processDefinitionKey").isNull()).isTrue();
        assertThat(changed.json().path("enabled").asBoolean()).isFalse();

        assertThat(admin().delete(base + "/" + id).status()).isEqualTo(204);
        assertThat(admin().get(base + "/" + id).status()).isEqualTo(404);
        assertThat(admin().delete("/api/clusters/" + cluster + "/notifiers/ops-ntfy").status()).isEqualTo(204);
    }
}
