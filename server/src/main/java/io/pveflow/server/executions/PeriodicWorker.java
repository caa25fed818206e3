package io.pveflow.server.executions;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One named daemon thread that runs a task every {@code interval} (after the previous round ended) and, between
 * rounds, whatever is handed to it: the shape shared by the queue hand-over, the live view and history retention.
 */
final class PeriodicWorker {

    private final String threadName;
    private final Duration interval;
    private final Runnable round;
    private volatile ScheduledExecutorService executor;

    PeriodicWorker(String threadName, Duration interval, Runnable round) {
        this.threadName = threadName;
        this.interval = interval;
        this.round = round;
    }

    void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, interval.toMillis());
        started.scheduleWithFixedDelay(round, millis, millis, TimeUnit.MILLISECONDS);
        executor = started;
    }

    /** Runs {@code work} on the worker's thread soon; false when the worker is not running. */
    boolean submit(Runnable work) {
        ScheduledExecutorService current = executor;
        if (current == null) {
            return false;
        }
        current.execute(work);
        return true;
    }

    /** Stops; with {@code grace}, lets the round in progress finish for up to that long. */
    void stop(Duration grace) {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current == null) {
            return;
        }
        if (grace.isZero()) {
            current.shutdownNow();
            return;
        }
        current.shutdown();
        try {
            current.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean running() {
        return executor != null;
    }
}
