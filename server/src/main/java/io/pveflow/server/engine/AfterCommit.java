package io.pveflow.server.engine;

import org.flowable.common.engine.impl.cfg.TransactionContext;
import org.flowable.common.engine.impl.cfg.TransactionState;
import org.flowable.common.engine.impl.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work once the engine's transaction committed (at once outside one), so a rolled-back step causes nothing;
 * its failure is logged and never reaches the engine.
 */
public final class AfterCommit {

    private static final Logger log = LoggerFactory.getLogger(AfterCommit.class);

    private AfterCommit() {
    }

    public static void run(String what, Runnable work) {
        Runnable guarded = () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("Could not {}: {}", what, e.toString());
            }
        };
        TransactionContext transaction = Context.getTransactionContext();
        if (transaction == null) {
            guarded.run();
        } else {
            transaction.addTransactionListener(TransactionState.COMMITTED, committed -> guarded.run());
        }
    }
}
