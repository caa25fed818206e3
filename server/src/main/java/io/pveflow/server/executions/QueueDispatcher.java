package io.pveflow.server.executions;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hands freed slots to queued runs. A run that ends wakes its cluster's queue right after its transaction commits;
 * a sweep every few seconds covers what no wake-up reaches (a node that died between commit and wake-up, a run
 * ended by another node). Hand-overs of one cluster are serialised by the gate lock, so several nodes may sweep.
 */
@Component
class QueueDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueDispatcher.class);

    private final ExecutionStarter starter;
    private final ExecutionRepository executions;
    private final Duration sweepInterval;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService worker;

    QueueDispatcher(ExecutionStarter starter, ExecutionRepository executions,
                    @Value("${pveflow.executions.queue-sweep-interval:PT5S}") Duration sweepInterval) {
        this.starter = starter;
        this.executions = executions;
        this.sweepInterval = sweepInterval;
    }

    /** Asks for a hand-over in the cluster soon; repeated wake-ups before it runs collapse into one. */
    void wake(String clusterId) {
        ScheduledExecutorService current = worker;
        if (current != null && pending.add(clusterId)) {
            current.execute(() -> {
                pending.remove(clusterId);
                handOver(clusterId);
            });
        }
    }

    private void sweep() {
        try {
            executions.clustersWithQueue().forEach(this::handOver);
        } catch (RuntimeException e) {
            log.warn("Queue sweep failed, will try again: {}", e.toString());
        }
    }

    private void handOver(String clusterId) {
        try {
            int started = starter.handOver(clusterId);
            if (started > 0) {
                log.debug("Cluster {}: {} queued run(s) started", clusterId, started);
            }
        } catch (RuntimeException e) {
            // the queued runs stay queued; the next sweep tries again
            log.warn("Cluster {}: could not start queued runs: {}", clusterId, e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pveflow-run-queue");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, sweepInterval.toMillis());
        executor.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
        worker = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = worker;
        worker = null;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // with the engine's own workers: after the engine starts, before it stops
    }
}
