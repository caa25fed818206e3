package io.pveflow.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The small rules behind delivery: backoff, signatures, header encoding, secret scrubbing. */
class NotificationUnitTest {

    @Test
    void backsOffExponentiallyWithinBoundsAndHonoursRetryAfterUpToItsCap() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(2), 2, Duration.ofSeconds(10), Duration.ofSeconds(30));
        assertThat(policy.delayAfter(1, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(2, null)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(3, null)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(4, null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delayAfter(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.mayRetryAfter(4)).isTrue();
        assertThat(policy.mayRetryAfter(5)).isFalse();
        assertThat(RetryPolicy.ONE_ATTEMPT.mayRetryAfter(1)).isFalse();
    }

    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        // Computed independently: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'secret-key-0123456789'
        String header = WebhookSignature.header("secret-key-0123456789", Instant.ofEpochSecond(1_700_000_000L), "{\"a\":1}");
        assertThat(header).isEqualTo("t=1700000000,v1=95a94f8e9919abdf552708a6c1d5604116ad2a78af755c3113cf47afa01d92f2");
        assertThat(WebhookSignature.verify("secret-key-0123456789", header, "{\"a\":1}",
                Instant.ofEpochSecond(1_700_000_100L), Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify("secret-key-0123456789", "v1=abc", "{\"a\":1}", Instant.now(),
                Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void encodesNonAsciiHeaderValuesAndKeepsThemOnOneLine() {
        assertThat(NtfyChannel.headerValue("Plain\r\ntitle")).isEqualTo("Plain title");
        assertThat(NtfyChannel.headerValue("Grüße")).isEqualTo("=?UTF-8?B?R3LDvMOfZQ==?=");
    }

    @Test
    void scrubsSecretsOutOfErrorTexts() {
        NotifierTarget target = new NotifierTarget("c", "n", NotifierType.TELEGRAM, Map.of(),
                Map.of("botToken", "123:secretvalue"));
        assertThat(target.scrub("failed for /bot123:secretvalue/sendMessage")).isEqualTo("failed for /bot***/sendMessage");
        assertThat(target.toString()).doesNotContain("secretvalue");
        assertThat(new NotifierRequest("n", "slack", null, null, Map.of("webhookUrl", "https://x/secretvalue"))
                .toString()).doesNotContain("secretvalue");
    }
}
