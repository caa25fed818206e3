package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pveflow.pve.client.Guests.CloneOptions;
import io.pveflow.pve.client.Guests.MigrateOptions;
import io.pveflow.pve.client.Guests.PowerOptions;
import io.pveflow.pve.client.model.GuestConfig;
import io.pveflow.pve.client.model.GuestStatus;
import io.pveflow.pve.client.model.GuestSummary;
import io.pveflow.pve.client.model.MigrationCheck;
import io.pveflow.pve.client.model.TaskStatus;
import io.pveflow.pve.client.testing.RecordTestNames;
import io.pveflow.pve.client.testing.TestClusters;
import io.pveflow.sim.PveSimulator;

/** Guests through the client against the simulated demo cluster. */
@ExtendWith(RecordTestNames.class)
class GuestsTest {

    static final Duration WAIT = Duration.ofSeconds(20);
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

    private static TaskStatus finish(Upid upid) {
        TaskStatus status = pve.waitForTask(upid, WAIT);
        assertThat(status.isSuccess()).as("%s: %s", upid, status.exitstatus()).isTrue();
        return status;
    }

    @Test
    void listsVmsAndContainersOfANode() {
        // other tests migrate and clone onto pve1, so only the demo's own guests are certain
        assertThat(pve.guests().list("pve1", GuestType.QEMU)).extracting(GuestSummary::vmid)
                .contains(100, 102, 112, 116, 9000).doesNotContain(109, 114);
        assertThat(pve.guests().list("pve1", GuestType.LXC)).extracting(GuestSummary::vmid)
                .contains(109, 114).doesNotContain(100, 102);
    }

    @Test
    void readsConfigurationLiveCurrentAndOfASnapshot() {
        GuestConfig live = pve.guests().config(GuestRef.qemu("pve1", 102));
        GuestConfig current = pve.guests().config(GuestRef.qemu("pve1", 102), true, null);
        GuestConfig ofSnapshot = pve.guests().config(GuestRef.qemu("pve1", 112), false, "clean-install");
        GuestConfig container = pve.guests().config(GuestRef.lxc("pve1", 109));

        assertThat(live.digest()).isNotBlank();
        assertThat(live.string("virtio0")).contains("local-lvm");
        assertThat(current.has("virtio0")).isTrue();
        assertThat(ofSnapshot.values()).isNotEmpty();
        assertThat(container.has("rootfs")).isTrue();
    }

    @Test
    void statusTellsRunningAndHaManaged() {
        GuestStatus web01 = pve.guests().status(GuestRef.qemu("pve1", 100));
        GuestStatus win11 = pve.guests().status(GuestRef.qemu("pve3", 106));
        GuestStatus ct = pve.guests().status(GuestRef.lxc("pve3", 105));

        assertThat(web01.isRunning()).isTrue();
        assertThat(web01.isHaManaged()).isTrue();
        assertThat(win11.isRunning()).isFalse();
        assertThat(win11.isHaManaged()).isFalse();
        assertThat(ct.isRunning()).isTrue();
    }

    @Test
    void statisticsOfBothKinds() {
        assertThat(pve.guests().rrd(GuestRef.qemu("pve1", 100), Timeframe.DAY, Consolidation.MAX)).isNotEmpty();
        assertThat(pve.guests().rrd(GuestRef.lxc("pve1", 109), Timeframe.WEEK, null)).isNotEmpty();
    }

    @Test
    void everyPowerActionOfAVirtualMachine() {
        GuestRef vm = GuestRef.qemu("pve2", 107);

        finish(pve.guests().shutdown(vm, new PowerOptions().timeout(30).forceStop(true)));
        assertThat(pve.guests().status(vm).isRunning()).isFalse();
        Upid start = pve.guests().start(vm, new PowerOptions().timeout(60));
        assertThat(start.user()).isEqualTo(TestClusters.ROOT_TOKEN);
        TaskStatus started = finish(start);
        assertThat(started.type()).isEqualTo("qmstart");
        // the status splits the UPID's user@realm!tokenid in two, as PVE does
        assertThat(started.user()).isEqualTo("root@pam");
        assertThat(started.tokenid()).isEqualTo("pveflow");
        finish(pve.guests().reboot(vm, new PowerOptions().timeout(60)));
        finish(pve.guests().suspend(vm));
        assertThat(pve.guests().status(vm).qmpstatus()).isEqualTo("paused");
        finish(pve.guests().resume(vm));
        finish(pve.guests().reset(vm));
        finish(pve.guests().stop(vm, new PowerOptions().overruleShutdown(true)));
        assertThat(pve.guests().status(vm).isRunning()).isFalse();
        finish(pve.guests().start(vm));
        finish(pve.guests().suspend(vm, new PowerOptions().toDisk(true).stateStorage("local-lvm")));
        // hibernated: the VM is off and comes back with start, as in PVE
        assertThat(pve.guests().status(vm).isRunning()).isFalse();
        finish(pve.guests().start(vm));
        finish(pve.guests().suspend(vm));
        finish(pve.guests().resume(vm, new PowerOptions().skiplock(false).param("nocheck", true)));
        finish(pve.guests().stop(vm));
    }

    @Test
    void everyPowerActionOfAContainer() {
        GuestRef ct = GuestRef.lxc("pve2", 110);

        finish(pve.guests().shutdown(ct, new PowerOptions().timeout(30).forceStop(true)));
        assertThat(pve.guests().status(ct).isRunning()).isFalse();
        assertThat(finish(pve.guests().start(ct)).type()).isEqualTo("vzstart");
        finish(pve.guests().reboot(ct));
        finish(pve.guests().suspend(ct));
        finish(pve.guests().resume(ct));
        finish(pve.guests().stop(ct, new PowerOptions().overruleShutdown(true)));
        finish(pve.guests().start(ct, new PowerOptions().param("debug", true)));
        finish(pve.guests().stop(ct));
        assertThat(pve.guests().status(ct).isRunning()).isFalse();
    }

    @Test
    void migratesAVmLiveAfterCheckingWhereItMayGo() {
        GuestRef vm = GuestRef.qemu("pve3", 113);
        MigrationCheck check = pve.guests().migrationCheck(vm, "pve1");

        assertThat(check.running()).isTrue();
        assertThat(check.allowedNodes()).contains("pve1");
        TaskStatus done = finish(pve.guests().migrate(vm, "pve1", new MigrateOptions().online(true).bwlimit(100_000)));
        assertThat(done.type()).isEqualTo("qmigrate");
        assertThat(pve.guests().status(vm.on("pve1")).isRunning()).isTrue();
    }

    @Test
    void migratesAContainerWithRestart() {
        GuestRef ct = GuestRef.lxc("pve3", 111);

        finish(pve.guests().migrate(ct, "pve1", new MigrateOptions().restart(true).param("timeout", 60)));

        assertThat(pve.guests().status(ct.on("pve1")).isRunning()).isTrue();
    }

    @Test
    void clonesAVmTemplateAndAContainerThenTemplatesTheContainer() {
        int vmId = pve.cluster().nextId();
        finish(pve.guests().clone(GuestRef.qemu("pve1", 9000), vmId,
                new CloneOptions().name(GuestType.QEMU, "from-template").description("linked clone")));
        assertThat(pve.guests().config(GuestRef.qemu("pve1", vmId)).string("name")).isEqualTo("from-template");

        int ctId = pve.cluster().nextId();
        finish(pve.guests().clone(GuestRef.lxc("pve1", 114), ctId,
                new CloneOptions().name(GuestType.LXC, "ct-copy").full(true).storage("local-lvm").target("pve1")));
        GuestRef copy = GuestRef.lxc("pve1", ctId);
        assertThat(pve.guests().status(copy).isRunning()).isFalse();

        // a container template answers no task id although a worker runs
        Optional<Upid> none = pve.guests().template(copy);
        assertThat(none).isEmpty();
    }

    @Test
    void templatesAStoppedVm() {
        Optional<Upid> task = pve.guests().template(GuestRef.qemu("pve2", 108), "scsi0");

        assertThat(task).isPresent();
        assertThat(finish(task.get()).type()).isEqualTo("qmtemplate");
    }

    @Test
    void growsDisksOfBothKinds() {
        GuestRef vm = GuestRef.qemu("pve1", 112);
        String digest = pve.guests().config(vm).digest();

        Optional<Upid> vmTask = pve.guests().resize(vm, "scsi0", "+1G", digest);
        Optional<Upid> ctTask = pve.guests().resize(GuestRef.lxc("pve1", 109), "rootfs", "6G", null);

        assertThat(finish(vmTask.orElseThrow()).type()).isEqualTo("resize");
        finish(ctTask.orElseThrow());
        assertThat(pve.guests().config(vm).string("scsi0")).contains("size=33G");
    }
}
