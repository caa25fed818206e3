package io.pveflow.server.engine;

import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineLifecycleListener;
import org.flowable.engine.impl.cmd.ClearProcessInstanceLockTimesCmd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a crash, releases the process-instance locks this node still holds, before its executor starts.
 * Flowable's executor releases the node's job locks at start, but an exclusive job also locks its process
 * instance and only a clean shutdown clears that lock; without this, a restarted node would leave the run
 * waiting for the old lock to expire. Safe because node ids are unique: no other node owns these locks.
 */
final class ReleaseOwnLocksAtStart implements ProcessEngineLifecycleListener {

    private static final Logger log = LoggerFactory.getLogger(ReleaseOwnLocksAtStart.class);

    private final String lockOwner;

    ReleaseOwnLocksAtStart(String lockOwner) {
        this.lockOwner = lockOwner;
    }

    @Override
    public void onProcessEngineBuilt(ProcessEngine engine) {
        engine.getManagementService().executeCommand(new ClearProcessInstanceLockTimesCmd(lockOwner));
        log.debug("Released process-instance locks left by an earlier run of node '{}'", lockOwner);
    }

    @Override
    public void onProcessEngineClosed(ProcessEngine engine) {
        // Flowable clears them itself on a clean shutdown.
    }
}
