package io.pveflow.server.notifications;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How notifications are delivered ({@code pveflow.notifications.*}).
 *
 * @param maxAttempts       attempts per message, the first included; 1 means no retry
 * @param initialBackoff    wait before the second attempt after a transient failure
 * @param backoffMultiplier each further wait is this many times the previous one
 * @param maxBackoff        longest wait between two attempts
 * @param maxRetryAfter     longest wait a service's Retry-After (429/503) is honoured for
 * @param connectTimeout    to open a connection (HTTP and SMTP)
 * @param requestTimeout    for a whole HTTP exchange or SMTP read/write
 * @param threads           threads that deliver (waiting for a retry does not hold one)
 */
@Validated
@ConfigurationProperties("pveflow.notifications")
public record NotificationProperties(
        @Min(1) @Max(20) @DefaultValue("5") int maxAttempts,
        @NotNull @DefaultValue("PT2S") Duration initialBackoff,
        @DecimalMin("1.0") @DefaultValue("2.0") double backoffMultiplier,
        @NotNull @DefaultValue("PT2M") Duration maxBackoff,
        @NotNull @DefaultValue("PT5M") Duration maxRetryAfter,
        @NotNull @DefaultValue("PT10S") Duration connectTimeout,
        @NotNull @DefaultValue("PT30S") Duration requestTimeout,
        @Min(1) @Max(64) @DefaultValue("4") int threads) {

    RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, initialBackoff, backoffMultiplier, maxBackoff, maxRetryAfter);
    }
}
