package io.pveflow.server.executions;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final PeriodicWorker worker;

    QueueDispatcher(ExecutionStarter starter, ExecutionRepository executions,
                    @Value("${pveflow.executions.queue-sweep-interval:PT5S}") Duration sweepInterval) {
        this.starter = starter;
        this.executions = executions;
        this.worker = new PeriodicWorker("pveflow-run-queue", sweepInterval, this::sweep);
    }

    /** Asks for a hand-over in the cluster soon; repeated wake-ups before it runs collapse into one. */
    void wake(String clusterId) {
        if (pending.add(clusterId) && !worker.submit(() -> {
            pending.remove(clusterId);
            handOver(clusterId);
        })) {
            pending.remove(clusterId); // not running: the sweep after the next start covers it
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
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // with the engine's own workers: after the engine starts, before it stops
    }
}
