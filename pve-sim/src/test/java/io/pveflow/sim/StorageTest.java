package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.sim.support.Api;
import io.pveflow.sim.support.TestClusters;

/** Backups, clones and resizes take space on their storage. */
class StorageTest {

    static PveSimulator sim;
    static Api root;

    @BeforeAll
    static void start() {
        sim = TestClusters.start();
        root = Api.root(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static long used(String node, String storage) {
        return root.get("/nodes/" + node + "/storage/" + storage + "/status").data().get("used").asLong();
    }

    private static String exit(String upid) {
        return TestClusters.awaitTask(root, upid).get("exitstatus").asText();
    }

    @Test
    void aBackupCreatesAnArchiveOnTheTargetStorageAndUsesSpace() {
        long before = used("pve3", "nas");
        String upid = root.post("/nodes/pve3/vzdump", "vmid", "113", "storage", "nas", "mode", "snapshot",
                "compress", "zstd", "notes-template", "{{guestname}} by test").upid();
        assertThat(upid).contains(":vzdump:113:");
        assertThat(root.get("/nodes/pve3/qemu/113/config").data().get("lock").asText()).isEqualTo("backup");
        assertThat(exit(upid)).isEqualTo("OK");
        assertThat(used("pve3", "nas")).isGreaterThan(before);
        JsonNode content = root.get("/nodes/pve1/storage/nas/content", "content", "backup", "vmid", "113").data();
        assertThat(content.size()).isEqualTo(1);
        assertThat(content.get(0).get("volid").asText()).matches("nas:backup/vzdump-qemu-113-.*\\.vma\\.zst");
        assertThat(content.get(0).get("notes").asText()).isEqualTo("mail01 by test");
        assertThat(root.get("/nodes/pve3/qemu/113/config").data().has("lock")).isFalse();
    }

    @Test
    void aBackupOfSeveralGuestsHasAnEmptyTaskIdAndSkipsExternalOnes() {
        String upid = root.post("/nodes/pve2/vzdump", "vmid", "104,110,100", "storage", "nas").upid();
        assertThat(upid).contains(":vzdump::");
        assertThat(exit(upid)).isEqualTo("OK");
        JsonNode log = root.get("/nodes/pve2/tasks/" + upid + "/log", "limit", "1000").data();
        assertThat(log.toString()).contains("skip external VMs: 100");
    }

    @Test
    void aBackupOfALockedGuestEndsWithJobErrors() {
        sim.faults().stuckLock(109, "snapshot");
        try {
            String upid = root.post("/nodes/pve1/vzdump", "vmid", "109", "storage", "local").upid();
            assertThat(exit(upid)).isEqualTo("job errors");
        } finally {
            sim.faults().releaseLock(109);
        }
    }

    @Test
    void aBackupOntoAStorageWithoutBackupContentFailsBeforeTheWorker() {
        assertThat(root.post("/nodes/pve1/vzdump", "vmid", "109", "storage", "local-lvm").status()).isEqualTo(500);
    }

    @Test
    void aFullCloneCreatesTheGuestAndUsesSpace() {
        long before = used("pve2", "local-lvm");
        String upid = root.post("/nodes/pve2/qemu/108/clone", "newid", "200", "name", "build03", "full", "1").upid();
        assertThat(upid).contains(":qmclone:108:");
        assertThat(exit(upid)).isEqualTo("OK");
        assertThat(used("pve2", "local-lvm") - before).isEqualTo(80L << 30);
        JsonNode config = root.get("/nodes/pve2/qemu/200/config").data();
        assertThat(config.get("name").asText()).isEqualTo("build03");
        assertThat(config.get("scsi0").asText()).startsWith("local-lvm:vm-200-disk-0");
    }

    @Test
    void cloningOntoAnExistingIdFailsInsideTheWorker() {
        String upid = root.post("/nodes/pve2/qemu/108/clone", "newid", "101").upid();
        assertThat(exit(upid)).isEqualTo("unable to create VM 101: config file already exists");
    }

    @Test
    void aLinkedCloneOfATemplateTakesNoSpace() {
        long before = used("pve1", "ceph");
        String upid = root.post("/nodes/pve1/qemu/9000/clone", "newid", "300", "name", "linked").upid();
        assertThat(exit(upid)).isEqualTo("OK");
        assertThat(used("pve1", "ceph")).isEqualTo(before);
    }

    @Test
    void aResizeReturnsAUpidGrowsTheDiskAndRefusesToShrink() {
        String upid = root.put("/nodes/pve1/qemu/116/resize", "disk", "scsi0", "size", "+8G").upid();
        assertThat(upid).contains(":resize:116:");
        assertThat(exit(upid)).isEqualTo("OK");
        assertThat(root.get("/nodes/pve1/qemu/116/config").data().get("scsi0").asText()).contains("size=40G");
        String shrink = root.put("/nodes/pve1/qemu/116/resize", "disk", "scsi0", "size", "10G").upid();
        assertThat(exit(shrink)).isEqualTo("shrinking disks is not supported");
    }

    @Test
    void storageListsShowContentAndCapacity() {
        JsonNode list = root.get("/nodes/pve1/storage", "content", "iso").data();
        assertThat(list.toString()).contains("\"storage\":\"nas\"").doesNotContain("\"storage\":\"ceph\"");
        JsonNode isos = root.get("/nodes/pve2/storage/nas/content", "content", "iso").data();
        assertThat(isos.size()).isEqualTo(3);
        assertThat(root.get("/storage", "type", "rbd").data().size()).isEqualTo(1);
        assertThat(root.get("/nodes/pve1/storage/nas/rrddata", "timeframe", "day").data().size()).isEqualTo(70);
    }
}
