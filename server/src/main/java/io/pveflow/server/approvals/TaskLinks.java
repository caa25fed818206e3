package io.pveflow.server.approvals;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.pveflow.server.secrets.SecretCipher;

/**
 * Signed links to a task in the UI: {@code /inbox/tasks/{taskId}?exp=<unix seconds>&sig=<base64url HMAC-SHA256>}
 * over {@code "task-link:" + taskId + ":" + exp}, keyed by a key derived from the master key. A link proves that
 * PVEFlow sent it and when it expires; it grants nothing by itself (the UI still requires login and the task API
 * its usual access checks).
 */
@Component
class TaskLinks {

    enum Verdict { VALID, EXPIRED, INVALID }

    private final byte[] key;
    private final String publicUrl;
    private final Duration validity;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    TaskLinks(SecretCipher secrets, @Value("${pveflow.approvals.public-url:}") String publicUrl,
              @Value("${pveflow.approvals.link-validity:P7D}") Duration validity) {
        this(secrets.derivedKey("task-links"), publicUrl, validity, Clock.systemUTC());
    }

    TaskLinks(byte[] key, String publicUrl, Duration validity, Clock clock) {
        this.key = key.clone();
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
        this.validity = validity;
        this.clock = clock;
    }

    /** The full link (relative when no public URL is configured), valid for the configured time. */
    String linkTo(String taskId) {
        long expires = clock.instant().plus(validity).getEpochSecond();
        return publicUrl + "/inbox/tasks/" + taskId + "?exp=" + expires + "&sig=" + signature(taskId, expires);
    }

    Verdict verify(String taskId, String exp, String sig) {
        if (taskId == null || exp == null || sig == null || taskId.isBlank()) {
            return Verdict.INVALID;
        }
        long expires;
        try {
            expires = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            return Verdict.INVALID;
        }
        byte[] expected = signature(taskId, expires).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.INVALID;
        }
        return clock.instant().isAfter(Instant.ofEpochSecond(expires)) ? Verdict.EXPIRED : Verdict.VALID;
    }

    String signature(String taskId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal(("task-link:" + taskId + ":" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a task link", e);
        }
    }
}
