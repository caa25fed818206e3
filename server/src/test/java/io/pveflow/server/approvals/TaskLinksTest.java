package io.pveflow.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.server.testing.TestHttp;

/** Signed task links: valid, expired, tampered, checked over HTTP by a signed-in user. */
class TaskLinksTest extends ApprovalTestSupport {

    @Autowired
    TaskLinks links;

    @Test
    void aSignedLinkIsValidUntilItExpiresAndAnyChangeBreaksIt() {
        String link = links.linkTo("task-123");
        assertThat(link).matches("/inbox/tasks/task-123\\?exp=\\d+&sig=[A-Za-z0-9_-]{43}");
        String query = link.substring(link.indexOf('?') + 1);
        String exp = query.replaceAll("exp=(\\d+)&.*", "$1");
        String sig = query.replaceAll(".*sig=", "");

        TestHttp.Response valid = dave().get("/api/tasks/links/verify?task=task-123&" + query);
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.json().path("valid").asBoolean()).isTrue();
        assertThat(valid.json().path("taskId").asText()).isEqualTo("task-123");

        long past = Instant.now().minusSeconds(60).getEpochSecond();
        TestHttp.Response expired = dave().get("/api/tasks/links/verify?task=task-123&exp=" + past + "&sig="
                + links.signature("task-123", past));
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.json().path("message").asText()).contains("expired");

        assertThat(dave().get("/api/tasks/links/verify?task=task-124&" + query).status()).isEqualTo(400);
        assertThat(dave().get("/api/tasks/links/verify?task=task-123&exp=" + (Long.parseLong(exp) + 3600) + "&sig=" + sig)
                .status()).as("a later expiry is not signed").isEqualTo(400);
        String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        TestHttp.Response tampered = dave().get("/api/tasks/links/verify?task=task-123&exp=" + exp + "&sig=" + flipped);
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.json().path("message").asText()).contains("signature does not match");
        assertThat(dave().get("/api/tasks/links/verify?task=task-123").status()).isEqualTo(400);
        assertThat(anonymous().get("/api/tasks/links/verify?task=task-123&" + query).status()).isEqualTo(401);
    }
}
