package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pveflow.pve.client.model.TaskStatus;
import io.pveflow.pve.client.testing.RecordTestNames;
import io.pveflow.pve.client.testing.TestClusters;
import io.pveflow.sim.PveSimulator;

/**
 * Every error code, each produced by a real answer of the simulator, whether Proxmox fails before the worker
 * (HTTP error) or inside it (the task's exit status): a designer catches the same code either way.
 */
@ExtendWith(RecordTestNames.class)
class ErrorCodesTest {

    static PveSimulator sim;
    static PveClient pve;

    @BeforeAll
    static void start() {
        sim = TestClusters.start();
        pve = TestClusters.rootClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    private static PveApiException failure(Runnable call) {
        PveApiException e = catchThrowableOfType(PveApiException.class, call::run);
        assertThat(e).as("expected a PveApiException").isNotNull();
        return e;
    }

    private static TaskStatus failedTask(Upid upid) {
        TaskStatus status = pve.waitForTask(upid, Duration.ofSeconds(10));
        assertThat(status.isSuccess()).as("task should fail: " + status.exitstatus()).isFalse();
        return status;
    }

    @Test
    void missingGuestIsNotFound() {
        PveApiException e = failure(() -> pve.guests().config(GuestRef.qemu("pve1", 999)));

        assertThat(e.code()).isEqualTo(PveErrorCode.NOT_FOUND);
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.getMessage()).contains("999.conf' does not exist");
    }

    @Test
    void missingSnapshotIsNotFound() {
        assertThat(failure(() -> pve.snapshots().config(GuestRef.qemu("pve1", 112), "nope")).code())
                .isEqualTo(PveErrorCode.NOT_FOUND);
    }

    @Test
    void resetOfAStoppedVmIsNotRunning() {
        PveApiException e = failure(() -> pve.guests().reset(GuestRef.qemu("pve3", 106)));

        assertThat(e.code()).isEqualTo(PveErrorCode.NOT_RUNNING);
        assertThat(e.getMessage()).isEqualTo("VM 106 not running");
    }

    @Test
    void startingARunningContainerFailsBeforeTheWorkerWithAlreadyRunning() {
        PveApiException e = failure(() -> pve.guests().start(GuestRef.lxc("pve1", 109)));

        assertThat(e.code()).isEqualTo(PveErrorCode.ALREADY_RUNNING);
        assertThat(e.getMessage()).isEqualTo("CT 109 already running");
    }

    @Test
    void startingARunningVmFailsInsideTheTaskWithAlreadyRunning() {
        TaskStatus status = failedTask(pve.guests().start(GuestRef.qemu("pve1", 102)));

        assertThat(status.exitstatus()).isEqualTo("VM 102 already running");
        assertThat(status.errorCode()).isEqualTo(PveErrorCode.ALREADY_RUNNING);
    }

    /** The code of an action whether Proxmox refuses it at once or its task fails. */
    private static PveErrorCode codeOf(java.util.function.Supplier<Upid> action) {
        try {
            return failedTask(action.get()).errorCode();
        } catch (PveApiException e) {
            return e.code();
        }
    }

    @Test
    void aGuestStuckInABackupLockIsLocked() {
        sim.faults().stuckLock(112, "backup");
        try {
            assertThat(codeOf(() -> pve.snapshots().create(GuestRef.qemu("pve1", 112), "blocked", null)))
                    .isEqualTo(PveErrorCode.LOCKED);
            TaskStatus status = failedTask(pve.guests().start(GuestRef.qemu("pve1", 112)));
            assertThat(status.exitstatus()).isEqualTo("VM is locked (backup)");
            assertThat(status.errorCode()).isEqualTo(PveErrorCode.LOCKED);
        } finally {
            sim.faults().releaseLock(112);
        }
    }

    @Test
    void aTokenWithoutVmSnapshotIsRefusedWithPermission() {
        PveClient power = TestClusters.client(sim, b -> b.apiToken(TestClusters.POWER_TOKEN, TestClusters.POWER_SECRET));

        pve.waitForTask(power.guests().start(GuestRef.qemu("pve2", 108)), Duration.ofSeconds(10)); // allowed
        PveApiException e = failure(() -> power.snapshots().create(GuestRef.qemu("pve2", 108), "nope", null));

        assertThat(e.code()).isEqualTo(PveErrorCode.PERMISSION);
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).contains("VM.Snapshot");
    }

    @Test
    void aWrongTokenSecretIsAuthAndTheSecretIsNotInTheMessage() {
        PveClient wrong = TestClusters.client(sim, b -> b.apiToken(TestClusters.ROOT_TOKEN, "WRONG-SECRET-123"));

        PveApiException e = failure(() -> wrong.cluster().version());

        assertThat(e.code()).isEqualTo(PveErrorCode.AUTH);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.toString()).doesNotContain("WRONG-SECRET-123");
    }

    @Test
    void aParameterRefusedByTheServerIsInvalidParamWithItsErrors() {
        PveApiException e = failure(() -> pve.cluster().requireFree(100));

        assertThat(e.code()).isEqualTo(PveErrorCode.INVALID_PARAM);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).containsKey("vmid");
        assertThat(e.getMessage()).startsWith("Parameter verification failed").contains("vmid");
    }

    @Test
    void aParameterRefusedLocallyIsNeverSent() {
        long before = io.pveflow.pve.client.testing.RequestRecorder.count("POST", "/snapshot");

        PveApiException e = failure(() -> pve.snapshots().create(GuestRef.qemu("pve1", 112), "current", null));

        assertThat(e.code()).isEqualTo(PveErrorCode.INVALID_PARAM);
        assertThat(e.status()).isZero();
        assertThat(e.errors()).containsKey("snapname");
        assertThat(io.pveflow.pve.client.testing.RequestRecorder.count("POST", "/snapshot")).isEqualTo(before);
    }

    @Test
    void cloningOntoAnExistingIdIsAConflictInsideTheTask() {
        TaskStatus status = failedTask(pve.guests().clone(GuestRef.qemu("pve1", 9000), 101, null));

        assertThat(status.exitstatus()).isEqualTo("unable to create VM 101: config file already exists");
        assertThat(status.errorCode()).isEqualTo(PveErrorCode.CONFLICT);
    }

    @Test
    void anExistingReplicationJobIsAConflict() {
        PveApiException e = failure(() -> pve.replication().create("102-0", "pve2", null));

        assertThat(e.code()).isEqualTo(PveErrorCode.CONFLICT);
    }

    @Test
    void shrinkingADiskIsInvalidParamInsideTheTask() {
        TaskStatus status = failedTask(pve.guests().resize(GuestRef.qemu("pve1", 116), "scsi0", "1G", null)
                .orElseThrow());

        assertThat(status.errorCode()).isEqualTo(PveErrorCode.INVALID_PARAM);
    }

    @Test
    void anOfflineNodeIsConnection() {
        sim.faults().nodeOffline("pve3");
        try {
            PveApiException e = failure(() -> pve.guests().status(GuestRef.qemu("pve3", 103)));

            assertThat(e.code()).isEqualTo(PveErrorCode.CONNECTION);
            assertThat(e.status()).isEqualTo(595);
        } finally {
            sim.faults().nodeOnline("pve3");
        }
    }

    @Test
    void aSlowAnswerIsTimeout() {
        sim.faults().latency("/version", Duration.ofMillis(1500));
        PveClient impatient = TestClusters.client(sim, b -> b.readTimeout(Duration.ofMillis(300)));

        PveApiException e = failure(() -> impatient.cluster().version());

        assertThat(e.code()).isEqualTo(PveErrorCode.TIMEOUT);
    }

    @Test
    void anUnknownFailureIsServer() {
        sim.faults().error("POST", "/nodes/*/qemu/*/status/start", 500, "something odd happened");

        PveApiException e = failure(() -> pve.guests().start(GuestRef.qemu("pve3", 106)));

        assertThat(e.code()).isEqualTo(PveErrorCode.SERVER);
        assertThat(e.getMessage()).isEqualTo("something odd happened");
    }

    @Test
    void aFailedTaskWithAnUnknownMessageIsServer() {
        sim.faults().failTasks("vzdump", "backup storage offline");

        TaskStatus status = failedTask(pve.backups().start("pve1", new Backups.Options().vmid(109).storage("nas")));

        assertThat(status.exitstatus()).isEqualTo("backup storage offline");
        assertThat(status.errorCode()).isEqualTo(PveErrorCode.SERVER);
    }
}
