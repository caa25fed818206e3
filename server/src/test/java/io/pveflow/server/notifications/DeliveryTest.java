package io.pveflow.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Each kind of notifier against a local stand-in that checks the request has the shape the real service
 * documents; e-mail through a real SMTP server; retries, Retry-After, failures and the delivery record.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryTest extends NotificationTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLACK_SECRET = "xoxSlackSecretPathPart991";
    private static final String BOT_TOKEN = "987654321:AAFtelegramSecretTokenValue_xyz";
    private static final String NTFY_TOKEN = "tk_ntfysecrettokenvalue77";
    private static final String GOTIFY_TOKEN = "AgotifySecretAppToken55";
    private static final String SIGNING_SECRET = "webhook-signing-secret-0123456789";
    private static final String SMTP_PASSWORD = "smtp-secret-password-31";
    private static final List<String> SECRETS = List.of(SLACK_SECRET, BOT_TOKEN, NTFY_TOKEN, GOTIFY_TOKEN,
            SIGNING_SECRET, SMTP_PASSWORD);

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("robot@example.com", "robot", SMTP_PASSWORD));

    @Autowired
    NotificationService notifications;

    private RetryPolicy original;

    @BeforeEach
    void quickRetries() {
        original = notifications.retryPolicy();
        notifications.retryPolicy(new RetryPolicy(4, Duration.ofMillis(200), 2, Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    @AfterEach
    void restoreRetries() {
        notifications.retryPolicy(original);
    }

    @Test
    void slackGetsAnIncomingWebhookPost(CapturedOutput output) throws Exception {
        String cluster = cluster("notify-send");
        try (Receiver slack = Receiver.start()) {
            addNotifier(cluster, "slack", "slack", Map.of("webhookUrl", slack.url() + "/services/T01/B02/" + SLACK_SECRET));
            JsonNode result = test(cluster, "slack");
            assertThat(result.path("delivered").asBoolean()).as(result.toString()).isTrue();
            assertThat(result.path("status").asText()).isEqualTo("DELIVERED");

            Receiver.Request request = slack.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/services/T01/B02/" + SLACK_SECRET);
            assertThat(request.header("Content-Type")).startsWith("application/json");
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.path("text").asText()).startsWith("*PVEFlow test message*\n").contains("'slack'");
        }
        assertNoSecretIn(output.getAll());
    }

    @Test
    void telegramGetsSendMessageWithChatIdTextAndParseMode(CapturedOutput output) throws Exception {
        String cluster = cluster("notify-send");
        try (Receiver telegram = Receiver.start()) {
            addNotifier(cluster, "telegram", "telegram", Map.of("botToken", BOT_TOKEN, "chatId", "-100200300",
                    "parseMode", "MarkdownV2", "apiUrl", telegram.url()));
            DeliveryResult result = notifications.send(cluster, "telegram", "Backup done", "All 12 guests saved.");
            assertThat(result.delivered()).as(result.toString()).isTrue();

            Receiver.Request request = telegram.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/bot" + BOT_TOKEN + "/sendMessage");
            assertThat(request.header("Content-Type")).startsWith("application/json");
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.path("chat_id").asText()).isEqualTo("-100200300");
            assertThat(body.path("text").asText()).isEqualTo("Backup done\n\nAll 12 guests saved.");
            assertThat(body.path("parse_mode").asText()).isEqualTo("MarkdownV2");
        }
        assertNoSecretIn(output.getAll());
    }

    @Test
    void ntfyGetsTheMessageWithTitlePriorityTagsAndBearerToken() throws Exception {
        String cluster = cluster("notify-send");
        try (Receiver ntfy = Receiver.start()) {
            addNotifier(cluster, "ntfy", "ntfy", Map.of("serverUrl", ntfy.url() + "/", "topic", "pveflow-ops",
                    "priority", "high", "tags", List.of("warning", "pveflow"), "accessToken", NTFY_TOKEN));
            DeliveryResult result = notifications.send(cluster, "ntfy", "Node pve2 rebooted ✓", "Back online.");
            assertThat(result.delivered()).as(result.toString()).isTrue();

            Receiver.Request request = ntfy.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/pveflow-ops");
            assertThat(request.body()).isEqualTo("Back online.");
            assertThat(request.header("Title")).startsWith("=?UTF-8?B?");
            assertThat(jakarta.mail.internet.MimeUtility.decodeText(request.header("Title"))).isEqualTo("Node pve2 rebooted ✓");
            assertThat(request.header("Priority")).isEqualTo("4");
            assertThat(request.header("Tags")).isEqualTo("warning,pveflow");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + NTFY_TOKEN);
        }
    }

    @Test
    void gotifyGetsAMessageWithItsAppToken() throws Exception {
        String cluster = cluster("notify-send");
        try (Receiver gotify = Receiver.start()) {
            addNotifier(cluster, "gotify", "gotify", Map.of("serverUrl", gotify.url(), "appToken", GOTIFY_TOKEN,
                    "priority", 8));
            DeliveryResult result = notifications.send(cluster, "gotify", "Disk almost full", "local-lvm at 93%");
            assertThat(result.delivered()).as(result.toString()).isTrue();

            Receiver.Request request = gotify.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/message");
            assertThat(request.header("X-Gotify-Key")).isEqualTo(GOTIFY_TOKEN);
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.path("title").asText()).isEqualTo("Disk almost full");
            assertThat(body.path("message").asText()).isEqualTo("local-lvm at 93%");
            assertThat(body.path("priority").isInt()).isTrue();
            assertThat(body.path("priority").asInt()).isEqualTo(8);
        }
    }

    @Test
    void webhookBodyIsSignedSoTheReceiverCanVerifyIt() throws Exception {
        String cluster = cluster("notify-send");
        try (Receiver hook = Receiver.start()) {
            addNotifier(cluster, "hook", "webhook", Map.of("url", hook.url() + "/pveflow/in", "signingSecret", SIGNING_SECRET));
            DeliveryResult result = notifications.send(cluster, "hook", "Hello", "From PVEFlow");
            assertThat(result.delivered()).as(result.toString()).isTrue();

            Receiver.Request request = hook.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/pveflow/in");
            assertThat(request.header("X-PVEFlow-Delivery")).isEqualTo(result.deliveryId());
            String signature = request.header("X-PVEFlow-Signature");
            assertThat(signature).matches("t=[0-9]+,v1=[0-9a-f]{64}");
            assertThat(WebhookSignature.verify(SIGNING_SECRET, signature, request.body(), Instant.now(), Duration.ofMinutes(5))).isTrue();
            assertThat(WebhookSignature.verify("another-secret-0123456789", signature, request.body(), Instant.now(),
                    Duration.ofMinutes(5))).isFalse();
            assertThat(WebhookSignature.verify(SIGNING_SECRET, signature, request.body() + " ", Instant.now(),
                    Duration.ofMinutes(5))).as("a changed body").isFalse();
            assertThat(WebhookSignature.verify(SIGNING_SECRET, signature, request.body(), Instant.now().plusSeconds(3600),
                    Duration.ofMinutes(5))).as("a replay an hour later").isFalse();
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.path("id").asText()).isEqualTo(result.deliveryId());
            assertThat(body.path("cluster").asText()).isEqualTo(cluster);
            assertThat(body.path("notifier").asText()).isEqualTo("hook");
            assertThat(body.path("subject").asText()).isEqualTo("Hello");
            assertThat(body.path("message").asText()).isEqualTo("From PVEFlow");
            assertThat(body.path("origin").asText()).isEqualTo("api");
        }
    }

    @Test
    void emailGoesThroughARealSmtpServerWithAuthentication(CapturedOutput output) throws Exception {
        String cluster = cluster("notify-send");
        addNotifier(cluster, "mail", "email", Map.of("host", "127.0.0.1", "port", SMTP.getSmtp().getPort(),
                "security", "none", "username", "robot", "password", SMTP_PASSWORD,
                "from", "PVEFlow <robot@example.com>", "to", "ops@example.com, oncall@example.com"));
        JsonNode result = test(cluster, "mail");
        assertThat(result.path("delivered").asBoolean()).as(result.toString()).isTrue();
        assertThat(SMTP.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received[0].getSubject()).isEqualTo("PVEFlow test message");
        assertThat(received[0].getFrom()[0].toString()).contains("robot@example.com");
        assertThat(List.of(received).stream().flatMap(m -> {
            try {
                return java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList()).contains("ops@example.com", "oncall@example.com");

        // A wrong password is a permanent failure, named as such.
        admin().putJson("/api/clusters/" + cluster + "/notifiers/mail", Map.of("settings", Map.of(
                "host", "127.0.0.1", "port", SMTP.getSmtp().getPort(), "security", "none", "username", "robot",
                "password", "wrong-password", "from", "robot@example.com", "to", List.of("ops@example.com"))));
        JsonNode refused = test(cluster, "mail");
        assertThat(refused.path("delivered").asBoolean()).isFalse();
        assertThat(refused.path("error").asText()).contains("authentication failed").contains("127.0.0.1");
        assertNoSecretIn(output.getAll());
    }

    @Test
    void aFailureIsAnsweredWithTheExactErrorAndRecorded(CapturedOutput output) throws Exception {
        String cluster = cluster("notify-send");
        try (Receiver gotify = Receiver.start()) {
            gotify.answer(new Receiver.Answer(401, "{\"error\":\"Unauthorized\",\"errorCode\":401,"
                    + "\"errorDescription\":\"you need to provide a valid access token\"}", Map.of()));
            addNotifier(cluster, "gotify-bad", "gotify", Map.of("serverUrl", gotify.url(), "appToken", GOTIFY_TOKEN));
            JsonNode result = test(cluster, "gotify-bad");
            assertThat(result.path("delivered").asBoolean()).isFalse();
            assertThat(result.path("status").asText()).isEqualTo("FAILED");
            assertThat(result.path("error").asText()).isEqualTo("HTTP 401 from 127.0.0.1:" + gotify.port()
                    + ": {\"error\":\"Unauthorized\",\"errorCode\":401,\"errorDescription\":\"you need to provide a valid access token\"}");
            assertThat(gotify.requests()).hasSize(1);

            JsonNode recorded = delivery(cluster, result.path("deliveryId").asText());
            assertThat(recorded.path("status").asText()).isEqualTo("FAILED");
            assertThat(recorded.path("origin").asText()).isEqualTo("test");
            assertThat(recorded.path("attempts").asInt()).isEqualTo(1);
            assertThat(recorded.path("lastError").asText()).contains("HTTP 401");
            assertThat(recorded.path("attemptLog").get(0).path("outcome").asText()).isEqualTo("FAILED");
            JsonNode failed = admin().get("/api/clusters/" + cluster + "/notifications?status=failed&notifier=gotify-bad").json();
            assertThat(failed.findValuesAsText("id")).contains(result.path("deliveryId").asText());
        }
        DeliveryResult missing = notifications.send(cluster, "nobody", "Hello", "Is anyone there?");
        assertThat(missing.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery(cluster, missing.deliveryId()).path("lastError").asText()).contains("No notifier 'nobody'");
        assertNoSecretIn(output.getAll());
    }

    @Test
    void retriesServerErrorsAndRateLimitsThenDelivers(CapturedOutput output) throws Exception {
        String cluster = cluster("notify-send");
        try (Receiver slack = Receiver.start()) {
            slack.answer(Receiver.Answer.of(500), Receiver.Answer.of(503),
                    new Receiver.Answer(429, "rate_limited", Map.of("Retry-After", "1")));
            addNotifier(cluster, "slack-flaky", "slack", Map.of("webhookUrl", slack.url() + "/services/" + SLACK_SECRET));
            DeliveryResult result = notifications.send(cluster, "slack-flaky", "Flaky", "Eventually");
            assertThat(result.delivered()).as(result.toString()).isTrue();
            assertThat(result.attempts()).isEqualTo(4);
            assertThat(slack.requests()).hasSize(4);
            assertThat(slack.requests()).extracting(Receiver.Request::body).containsOnly(slack.requests().get(0).body());

            JsonNode recorded = delivery(cluster, result.deliveryId());
            assertThat(recorded.path("status").asText()).isEqualTo("DELIVERED");
            assertThat(recorded.path("attemptLog").findValuesAsText("outcome"))
                    .containsExactly("RETRYING", "RETRYING", "RETRYING", "DELIVERED");
            assertThat(recorded.path("attemptLog").get(2).path("error").asText()).contains("HTTP 429").contains("rate_limited");
        }
        assertNoSecretIn(output.getAll());
    }

    @Test
    void retriesARefusedConnectionUntilTheServiceIsBack() throws Exception {
        String cluster = cluster("notify-send");
        int port;
        try (Receiver gone = Receiver.start()) {
            port = gone.port();
        }
        notifications.retryPolicy(new RetryPolicy(20, Duration.ofMillis(200), 1.5, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        addNotifier(cluster, "ntfy-later", "ntfy", Map.of("serverUrl", "http://127.0.0.1:" + port, "topic", "later"));
        CompletableFuture<DeliveryResult> outcome = notifications.sendAsync(cluster, "ntfy-later", "Later", "Still here");
        JsonNode pending = awaitDelivery(cluster, d -> d.path("notifier").asText().equals("ntfy-later")
                && d.path("attempts").asInt() >= 1, Duration.ofSeconds(30));
        assertThat(pending.path("status").asText()).isEqualTo("PENDING");
        assertThat(pending.path("lastError").asText()).contains("could not connect to 127.0.0.1:" + port);
        try (Receiver back = Receiver.start(port)) {
            DeliveryResult result = outcome.get(60, TimeUnit.SECONDS);
            assertThat(result.delivered()).as(result.toString()).isTrue();
            assertThat(result.attempts()).isGreaterThan(1);
            assertThat(back.requests()).hasSize(1);
            assertThat(back.requests().get(0).body()).isEqualTo("Still here");
        }
    }

    @Test
    void givesUpAfterTheLastAttemptAndSaysSo() throws Exception {
        String cluster = cluster("notify-send");
        try (Receiver down = Receiver.start()) {
            down.answer(Receiver.Answer.of(502), Receiver.Answer.of(502), Receiver.Answer.of(502), Receiver.Answer.of(502));
            addNotifier(cluster, "gotify-down", "gotify", Map.of("serverUrl", down.url(), "appToken", GOTIFY_TOKEN));
            DeliveryResult result = notifications.send(cluster, "gotify-down", "Down", "Never arrives");
            assertThat(result.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(result.attempts()).isEqualTo(4);
            assertThat(result.error()).isEqualTo("HTTP 502 from 127.0.0.1:" + down.port());
            JsonNode recorded = delivery(cluster, result.deliveryId());
            assertThat(recorded.path("attemptLog").findValuesAsText("outcome"))
                    .containsExactly("RETRYING", "RETRYING", "RETRYING", "FAILED");
            assertThat(recorded.path("finishedAt").isMissingNode()).isFalse();
        }
    }

    private static void assertNoSecretIn(String text) {
        for (String secret : SECRETS) {
            assertThat(text).as("output must not contain a secret").doesNotContain(secret);
        }
    }
}
