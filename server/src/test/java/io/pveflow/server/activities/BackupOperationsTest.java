package io.pveflow.server.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pveflow.pve.client.model.StorageVolume;

/**
 * pveBackup on the demo cluster. Guests this class backs up (locked while it runs): VM 106 (pve3), VM 102 and
 * CT 109 (pve1); VM 104 and 106 only for a refused request.
 */
class BackupOperationsTest extends ActivityTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void backsUpAGuestAndReportsItsArchive() throws Exception {
        Map<String, Object> vars = awaitEnd(run("backupOne", step("pveBackup", true, field("vmid", "106")
                + field("storage", "nas") + field("mode", "snapshot") + field("compress", "zstd")
                + field("notes-template", "{{guestname}} by a test") + field("protected", "true")), Map.of()));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        Map<String, Object> backup = (Map<String, Object>) vars.get("backup");
        assertThat((String) backup.get("upid")).contains(":vzdump:106:");
        String volid = (String) backup.get("volid");
        assertThat(volid).startsWith("nas:backup/vzdump-qemu-106-").endsWith(".vma.zst");
        assertThat((List<String>) backup.get("volids")).containsExactly(volid);

        String node = io.pveflow.pve.client.Upid.parse((String) backup.get("upid")).node();
        StorageVolume archive = pve().storage().content(node, "nas", "backup", 106).stream()
                .filter(v -> volid.equals(v.volid())).findFirst().orElseThrow();
        assertThat(archive.notes()).isEqualTo("win11-dev by a test");
        assertThat(archive.isProtected()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void backsUpSeveralGuestsOfOneNodeInOneTask() throws Exception {
        Map<String, Object> vars = awaitEnd(run("backupTwo", step("pveBackup", true,
                expression("vmid", "${guests}") + field("storage", "nas")), Map.of("guests", List.of(102, 109))));
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        Map<String, Object> backup = (Map<String, Object>) vars.get("backup");
        assertThat((String) backup.get("upid")).startsWith("UPID:pve1:").contains(":vzdump::");
        List<String> volids = (List<String>) backup.get("volids");
        assertThat(volids).hasSize(2);
        assertThat(volids.get(0)).startsWith("nas:backup/vzdump-qemu-102-");
        assertThat(volids.get(1)).startsWith("nas:backup/vzdump-lxc-109-");
        assertThat(pve().storage().content("pve1", "nas", "backup", 109)).extracting(StorageVolume::volid)
                .contains(volids.get(1));
    }

    @Test
    void refusesGuestsOnSeveralNodesAndUnknownGuests() throws Exception {
        Map<String, Object> spread = awaitEnd(run("backupSpread", step("pveBackup", true,
                field("vmid", "104, 106") + field("storage", "nas")), Map.of()));
        assertThat(spread.get("$end")).isEqualTo("failed");
        assertThat(spread.get("error")).as("one vzdump would skip the other node's guest").isEqualTo("PVE_INVALID_PARAM");

        Map<String, Object> unknown = awaitEnd(run("backupUnknown", step("pveBackup", true,
                field("vmid", "999") + field("storage", "nas")), Map.of()));
        assertThat(unknown.get("error")).isEqualTo("PVE_NOT_FOUND");
    }

}
