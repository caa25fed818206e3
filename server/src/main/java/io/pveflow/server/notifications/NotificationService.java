package io.pveflow.server.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.pveflow.server.web.NotFoundException;

/**
 * Sends messages through a cluster's notifiers, the way the {@code notify} activity and the notification rules
 * do. Every message gets a {@code notification_delivery} row before the first attempt and keeps it: each
 * attempt and the final outcome are recorded there. Transient failures (connection problems, timeouts, 5xx,
 * 429) are retried with bounded exponential backoff, honouring Retry-After up to a cap; waiting for a retry
 * holds no thread. Deliveries a stopped server left unfinished are marked failed at the next start.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    static final String ORIGIN_API = "api";
    static final String ORIGIN_TEST = "test";
    static final int MAX_MESSAGE = 20_000;

    private final NotifierService notifiers;
    private final DeliveryRepository deliveries;
    private final Map<NotifierType, Channel> channels = new EnumMap<>(NotifierType.class);
    private final NotificationProperties properties;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Set<Delivery> inFlight = ConcurrentHashMap.newKeySet();
    private final Clock clock = Clock.systemUTC();
    private final TransactionTemplate ownTransaction;
    private volatile RetryPolicy retryPolicy;

    NotificationService(NotifierService notifiers, DeliveryRepository deliveries, List<Channel> channels,
                        NotificationProperties properties, PlatformTransactionManager transactions) {
        this.notifiers = notifiers;
        // The record of a delivery is written on its own, whatever the caller's transaction does later.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.deliveries = deliveries;
        channels.forEach(channel -> this.channels.put(channel.type(), channel));
        this.properties = properties;
        this.retryPolicy = properties.retryPolicy();
        AtomicInteger threadNumber = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(properties.threads(), task -> {
            Thread thread = new Thread(task, "pveflow-notify-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    /**
     * Sends {@code subject} and {@code message} through the named notifier of the cluster and waits for the
     * outcome, retries included. A missing or disabled notifier gives a FAILED or SKIPPED result (and record),
     * not an exception.
     *
     * @throws NotFoundException when the cluster does not exist
     */
    public DeliveryResult send(String clusterId, String notifierName, String subject, String message) {
        return await(sendAsync(clusterId, notifierName, subject, message));
    }

    /** Like {@link #send} without waiting: the future completes with the outcome. */
    public CompletableFuture<DeliveryResult> sendAsync(String clusterId, String notifierName, String subject,
                                                       String message) {
        return deliver(new OutgoingRequest(clusterId, notifierName, subject, message, ORIGIN_API, Map.of()),
                retryPolicy, false);
    }

    /** One attempt, no retry, even when the notifier is disabled: the admin's "send test message". */
    DeliveryResult sendTest(String clusterId, String notifierName) {
        Notifier notifier = notifiers.get(clusterId, notifierName);
        String subject = "PVEFlow test message";
        String text = "This is a test message from PVEFlow for notifier '" + notifier.name() + "' of cluster '"
                + clusterId + "', sent by " + NotifierService.currentUser() + ". If you read this, it works.";
        return await(deliver(new OutgoingRequest(clusterId, notifierName, subject, text, ORIGIN_TEST, Map.of()),
                RetryPolicy.ONE_ATTEMPT, true));
    }

    /** A message a notification rule sends, with the facts of the run event. */
    CompletableFuture<DeliveryResult> sendForRule(String clusterId, String notifierName, String subject, String text,
                                                 String ruleId, Map<String, Object> event) {
        return deliver(new OutgoingRequest(clusterId, notifierName, subject, text, "rule:" + ruleId, event),
                retryPolicy, false);
    }

    /** A message with event facts and its own origin (e.g. {@code task:<id>} for an approval reminder). */
    CompletableFuture<DeliveryResult> sendForOrigin(String clusterId, String notifierName, String subject, String text,
                                                   String origin, Map<String, Object> event) {
        return deliver(new OutgoingRequest(clusterId, notifierName, subject, text, origin, event), retryPolicy, false);
    }

    /** Runs work on the notification threads (never on the caller's). */
    void execute(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException stopping) {
            log.warn("Notification work dropped: the server is stopping");
        }
    }

    List<DeliveryView> deliveries(String clusterId, DeliveryStatus status, String notifier, int limit) {
        return deliveries.list(clusterId, status, notifier, limit);
    }

    Optional<DeliveryView> delivery(String clusterId, String id) {
        return deliveries.find(clusterId, id);
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Replaces the retry policy of later deliveries (tests use short waits). */
    void retryPolicy(RetryPolicy policy) {
        this.retryPolicy = policy;
    }

    record OutgoingRequest(String clusterId, String notifierName, String subject, String text, String origin,
                           Map<String, Object> event) {
    }

    private CompletableFuture<DeliveryResult> deliver(OutgoingRequest request, RetryPolicy policy, boolean evenIfDisabled) {
        if (request.subject() == null || request.subject().isBlank()) {
            throw new IllegalArgumentException("A notification needs a subject");
        }
        String text = request.text() == null ? "" : DeliveryRepository.cut(request.text(), MAX_MESSAGE);
        String subject = DeliveryRepository.cut(request.subject().strip(), DeliveryRepository.MAX_SUBJECT);
        List<Notifier> all = notifiers.list(request.clusterId());
        Notifier notifier = all.stream().filter(n -> n.name().equals(request.notifierName())).findFirst().orElse(null);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        if (notifier == null) {
            String error = "No notifier '" + request.notifierName() + "' in cluster '" + request.clusterId() + "'";
            ownTransaction.executeWithoutResult(tx -> deliveries.insert(id, request.clusterId(),
                    String.valueOf(request.notifierName()), null, request.origin(), subject, DeliveryStatus.FAILED,
                    error, now));
            log.warn("Notification {} '{}' not sent: {}", id, subject, error);
            return CompletableFuture.completedFuture(new DeliveryResult(id, false, DeliveryStatus.FAILED, 0, error));
        }
        if (!notifier.enabled() && !evenIfDisabled) {
            String error = "Notifier '" + notifier.name() + "' is disabled";
            ownTransaction.executeWithoutResult(tx -> deliveries.insert(id, request.clusterId(), notifier.name(),
                    notifier.type(), request.origin(), subject, DeliveryStatus.SKIPPED, error, now));
            log.info("Notification {} '{}' skipped: {}", id, subject, error);
            return CompletableFuture.completedFuture(new DeliveryResult(id, false, DeliveryStatus.SKIPPED, 0, error));
        }
        ownTransaction.executeWithoutResult(tx -> deliveries.insert(id, request.clusterId(), notifier.name(),
                notifier.type(), request.origin(), subject, DeliveryStatus.PENDING, null, now));
        Delivery delivery = new Delivery(id, request.clusterId(), notifier.name(), new OutgoingMessage(id,
                request.clusterId(), subject, text, request.origin(), request.event()), policy);
        inFlight.add(delivery);
        schedule(delivery, Duration.ZERO);
        return delivery.outcome;
    }

    private void schedule(Delivery delivery, Duration delay) {
        try {
            scheduler.schedule(() -> attempt(delivery), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            finish(delivery, DeliveryStatus.FAILED, "The server stopped before the notification could be sent");
        }
    }

    private void attempt(Delivery delivery) {
        int number = ++delivery.attempts;
        Instant started = clock.instant();
        NotifierTarget target = null;
        DeliveryFailure failure;
        try {
            target = notifiers.target(delivery.clusterId, delivery.notifierName);
            Channel channel = channels.get(target.type());
            if (channel == null) {
                throw DeliveryFailure.permanent("No channel for notifier type " + target.type().jsonName());
            }
            channel.deliver(target, delivery.message);
            record(() -> deliveries.recordAttempt(delivery.id, number, started, clock.instant(), "DELIVERED", null));
            finish(delivery, DeliveryStatus.DELIVERED, null);
            return;
        } catch (DeliveryFailure e) {
            failure = e;
        } catch (NotFoundException e) {
            failure = DeliveryFailure.permanent(e.getMessage() + " (removed while the message was on its way)");
        } catch (RuntimeException e) {
            failure = DeliveryFailure.permanent("Unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        String error = target == null ? failure.getMessage() : target.scrub(failure.getMessage());
        if (failure.isTransient() && delivery.policy.mayRetryAfter(number)) {
            Duration delay = delivery.policy.delayAfter(number, failure.retryAfter());
            Instant finished = clock.instant();
            record(() -> {
                deliveries.recordAttempt(delivery.id, number, started, finished, "RETRYING", error);
                deliveries.update(delivery.id, DeliveryStatus.PENDING, number, error, finished, finished.plus(delay));
            });
            log.info("Notification {} to '{}' of cluster '{}': attempt {} failed ({}); next attempt in {} ms",
                    delivery.id, delivery.notifierName, delivery.clusterId, number, error, delay.toMillis());
            schedule(delivery, delay);
            return;
        }
        record(() -> deliveries.recordAttempt(delivery.id, number, started, clock.instant(), "FAILED", error));
        finish(delivery, DeliveryStatus.FAILED, error);
    }

    private void finish(Delivery delivery, DeliveryStatus status, String error) {
        if (!inFlight.remove(delivery)) {
            return;
        }
        record(() -> deliveries.update(delivery.id, status, delivery.attempts, error, clock.instant(), null));
        if (status == DeliveryStatus.DELIVERED) {
            log.info("Notification {} '{}' delivered to '{}' of cluster '{}' (attempt {})", delivery.id,
                    delivery.message.subject(), delivery.notifierName, delivery.clusterId, delivery.attempts);
        } else {
            log.warn("Notification {} '{}' to '{}' of cluster '{}' failed after {} attempt(s): {}", delivery.id,
                    delivery.message.subject(), delivery.notifierName, delivery.clusterId, delivery.attempts, error);
        }
        delivery.outcome.complete(new DeliveryResult(delivery.id, status == DeliveryStatus.DELIVERED, status,
                delivery.attempts, error));
    }

    private static void record(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            log.error("Could not record a notification delivery: {}", e.toString());
        }
    }

    /** Fails what a previous run of the server left unfinished, so nothing stays PENDING for ever. */
    @EventListener(ApplicationReadyEvent.class)
    void failAbandonedDeliveries() {
        Instant now = clock.instant();
        Duration quiet = retryPolicy.longestQuietPeriod(properties.requestTimeout()).plusMinutes(1);
        try {
            int count = deliveries.failAbandoned(now.minus(quiet), now,
                    "The server stopped before this notification was delivered");
            if (count > 0) {
                log.warn("{} notification(s) left unfinished by a stopped server are now marked failed", count);
            }
        } catch (RuntimeException e) {
            log.error("Could not check for unfinished notifications: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        for (Delivery delivery : List.copyOf(inFlight)) {
            finish(delivery, DeliveryStatus.FAILED, "The server stopped before this notification was delivered");
        }
    }

    private static DeliveryResult await(CompletableFuture<DeliveryResult> outcome) {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a notification to be delivered", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Notification delivery failed unexpectedly", e.getCause());
        }
    }

    /** One message on its way to one notifier. */
    private static final class Delivery {
        final String id;
        final String clusterId;
        final String notifierName;
        final OutgoingMessage message;
        final RetryPolicy policy;
        final CompletableFuture<DeliveryResult> outcome = new CompletableFuture<>();
        volatile int attempts;

        Delivery(String id, String clusterId, String notifierName, OutgoingMessage message, RetryPolicy policy) {
            this.id = id;
            this.clusterId = clusterId;
            this.notifierName = notifierName;
            this.message = message;
            this.policy = policy;
        }
    }
}
