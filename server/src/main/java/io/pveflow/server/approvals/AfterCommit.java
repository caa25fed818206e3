package io.pveflow.server.approvals;

import org.flowable.common.engine.impl.cfg.TransactionContext;
import org.flowable.common.engine.impl.cfg.TransactionState;
import org.flowable.common.engine.impl.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs work once the engine's transaction committed (at once outside one); its failure never reaches the engine. */
final class AfterCommit {

    private static final Logger log = LoggerFactory.getLogger(AfterCommit.class);

    private AfterCommit() {
    }

    static void run(String what, Runnable work) {
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
