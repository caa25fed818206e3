package io.pveflow.server.executions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.flowable.engine.HistoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the history of runs whose retention has passed ({@code <pveflow:retention days=".."/>} of their
 * process, else {@code pveflow.executions.retention}): in small batches, each in its own short transaction with a
 * pause between, so the engine's own work never waits long behind it. The audit log is not touched.
 */
@Component
class HistoryRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);

    private final ExecutionRepository executions;
    private final HistoryService history;
    private final TransactionTemplate transactions;
    private final int batchSize;
    private final int maxBatchesPerRound;
    private final PeriodicWorker worker;

    HistoryRetention(ExecutionRepository executions, HistoryService history, TransactionTemplate transactions,
                     @Value("${pveflow.executions.cleanup-interval:PT10M}") Duration interval,
                     @Value("${pveflow.executions.cleanup-batch-size:200}") int batchSize,
                     @Value("${pveflow.executions.cleanup-max-batches:50}") int maxBatchesPerRound) {
        this.executions = executions;
        this.history = history;
        this.transactions = transactions;
        this.worker = new PeriodicWorker("pveflow-history-retention", interval, this::round);
        this.batchSize = batchSize;
        this.maxBatchesPerRound = maxBatchesPerRound;
    }

    /** One cleanup round; returns the number of runs whose history was deleted. */
    int cleanUp(Instant now) {
        int deleted = 0;
        for (int batch = 0; batch < maxBatchesPerRound; batch++) {
            Integer done = transactions.execute(tx -> {
                List<String> ids = executions.expired(now, batchSize);
                if (ids.isEmpty()) {
                    return 0;
                }
                history.bulkDeleteHistoricProcessInstances(ids);
                executions.delete(ids);
                return ids.size();
            });
            if (done == null || done == 0) {
                break;
            }
            deleted += done;
            if (done < batchSize) {
                break;
            }
            try {
                Thread.sleep(200); // let the engine's transactions through between batches
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (deleted > 0) {
            log.info("History retention: deleted the history of {} ended run(s)", deleted);
        }
        return deleted;
    }

    private void round() {
        try {
            cleanUp(Instant.now());
        } catch (RuntimeException e) {
            log.warn("History retention round failed, will try again: {}", e.toString());
        }
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop(Duration.ZERO);
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }
}
