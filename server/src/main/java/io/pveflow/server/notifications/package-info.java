/**
 * Notifications: messages that reach people where they are.
 * <p>
 * <b>Notifiers</b> are configured per cluster by an admin ({@code /api/clusters/{id}/notifiers}): Slack
 * (incoming webhook), Telegram (Bot API), e-mail (SMTP with STARTTLS or implicit TLS), a generic signed webhook
 * (see {@link io.pveflow.server.notifications.WebhookSignature} for how a receiver verifies it), ntfy and
 * Gotify. Their secrets (webhook URL, bot token, SMTP password, signing secret, tokens) are encrypted at rest
 * per field and write-only: the API tells only whether each one is set.
 * <p>
 * <b>Delivery</b> goes through {@link io.pveflow.server.notifications.NotificationService}: every message
 * becomes a {@code notification_delivery} row before the first attempt, every attempt is recorded, transient
 * failures (connection errors, timeouts, 5xx, 429 with Retry-After) are retried with bounded exponential
 * backoff ({@code pveflow.notifications.*}), and the outcome is readable at
 * {@code /api/clusters/{id}/notifications}. HTTP goes through the JDK client, with timeouts and no redirects.
 * <p>
 * <b>Rules</b> ({@code /api/clusters/{id}/notification-rules}) notify on run events without modelling: a run
 * failed (a job dead-lettered, or an error end) or completed, an approval (any user task) is waiting or timed
 * out ({@link io.pveflow.server.notifications.ApprovalNotifications}, fed by the approvals package), for one
 * process or all. A Flowable event
 * listener collects the facts inside the engine and hands them over only after the engine's transaction
 * commits; sending happens on the notification threads and can never break a run.
 */
package io.pveflow.server.notifications;
