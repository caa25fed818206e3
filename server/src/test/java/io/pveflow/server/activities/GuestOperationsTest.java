package io.pveflow.server.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.pveflow.pve.client.ClusterApi;
import io.pveflow.pve.client.model.ClusterResource;

/**
 * pveMigrate, pveClone, pveConvertToTemplate and pveResize on the demo cluster. Guests this class changes:
 * VM 103 and CT 110 (migrated), VM 106 (disk grown), VM 108 and CT 104 (cloned; the clones become templates).
 */
class GuestOperationsTest extends ActivityTestSupport {

    @Test
    void refusesToMigrateARunningVmOfflineAndMigratesItLiveWithItsLocalDisks() throws Exception {
        ClusterResource before = guest(103);
        String target = before.node().equals("pve1") ? "pve2" : "pve1";

        Map<String, Object> offline = awaitEnd(run("opsMigrateOffline", step("pveMigrate", true,
                field("vmid", "103") + field("target", target)), Map.of()));
        assertThat(offline.get("$end")).as(offline.toString()).isEqualTo("failed");
        assertThat(offline.get("error")).as("refused before the worker, as Proxmox does").isEqualTo("PVE_CONFLICT");
        assertThat(guest(103).node()).isEqualTo(before.node());

        Map<String, Object> live = awaitEnd(run("opsMigrateLive", step("pveMigrate", true, field("vmid", "103")
                + field("target", target) + field("online", "true") + field("with-local-disks", "true")), Map.of()));
        assertThat(live.get("$end")).as(live.toString()).isEqualTo("done");
        assertThat((String) live.get("upid")).contains(":qmigrate:103:");
        assertThat(guest(103).node()).isEqualTo(target);
        assertThat(guest(103).status()).isEqualTo("running");

        Map<String, Object> again = awaitEnd(runtime.startProcessInstanceByKeyAndTenantId("opsMigrateLive", Map.of(), "demo").getId());
        assertThat(again.get("$end")).as("a guest already on the target needs nothing more").isEqualTo("done");
        assertThat(again.get("upid")).isNull();
    }

    @Test
    void migratesARunningContainerInRestartModeButNotLive() throws Exception {
        ClusterResource before = guest(110);
        String target = before.node().equals("pve3") ? "pve1" : "pve3";

        Map<String, Object> live = awaitEnd(run("opsMigrateCtLive", step("pveMigrate", true,
                field("vmid", "110") + field("target", target) + field("online", "true")), Map.of()));
        assertThat(live.get("error")).isEqualTo("PVE_INVALID_PARAM");

        Map<String, Object> restart = awaitEnd(run("opsMigrateCt", step("pveMigrate", true,
                field("vmid", "110") + field("target", target) + field("restart", "true")), Map.of()));
        assertThat(restart.get("$end")).as(restart.toString()).isEqualTo("done");
        assertThat((String) restart.get("upid")).contains(":vzmigrate:110:");
        assertThat(guest(110).node()).isEqualTo(target);
        assertThat(guest(110).status()).isEqualTo("running");
    }

    @Test
    @SuppressWarnings("unchecked")
    void clonesToTheNextFreeIdAndARetryWithThatIdDoesNotCloneAgain() throws Exception {
        Map<String, Object> first = awaitEnd(run("opsClone", step("pveClone", true,
                field("vmid", "108") + field("name", "build02-copy") + field("full", "true")), Map.of()));
        assertThat(first.get("$end")).as(first.toString()).isEqualTo("done");
        Map<String, Object> clone = (Map<String, Object>) first.get("clone");
        int newid = ((Number) clone.get("newid")).intValue();
        assertThat((String) clone.get("upid")).contains(":qmclone:108:");
        ClusterResource copy = guest(newid);
        assertThat(copy.name()).isEqualTo("build02-copy");
        assertThat(copy.type()).isEqualTo("qemu");
        assertThat(copy.lock()).as("the clone task has ended").isNull();

        Map<String, Object> retry = awaitEnd(run("opsCloneRetry", step("pveClone", true,
                field("vmid", "108") + expression("newid", "${newid}") + field("name", "build02-copy")), Map.of("newid", newid)));
        assertThat(retry.get("$end")).as(retry.toString()).isEqualTo("done");
        assertThat((Map<String, Object>) retry.get("clone")).containsEntry("newid", newid).containsEntry("upid", null);
        assertThat(guests().stream().filter(g -> "build02-copy".equals(g.name()))).hasSize(1);

        Map<String, Object> taken = awaitEnd(run("opsCloneTaken", step("pveClone", true,
                field("vmid", "108") + field("newid", "102") + field("name", "not-db01")), Map.of()));
        assertThat(taken.get("$end")).isEqualTo("failed");
        assertThat(taken.get("error")).isEqualTo("PVE_CONFLICT");

        Map<String, Object> template = awaitEnd(run("opsTemplateVm", step("pveConvertToTemplate", true,
                expression("vmid", "${newid}") + field("resultVariable", "templateTask")), Map.of("newid", newid)));
        assertThat(template.get("$end")).as(template.toString()).isEqualTo("done");
        assertThat((String) template.get("templateTask")).contains(":qmtemplate:" + newid + ":");
        assertThat(guest(newid).isTemplate()).isTrue();

        Map<String, Object> twice = awaitEnd(runtime.startProcessInstanceByKeyAndTenantId("opsTemplateVm",
                Map.of("newid", newid), "demo").getId());
        assertThat(twice.get("$end")).as("already a template is not an error").isEqualTo("done");
    }

    @Test
    @SuppressWarnings("unchecked")
    void convertsAContainerToATemplateAlthoughProxmoxAnswersNoTask() throws Exception {
        Map<String, Object> running = awaitEnd(run("opsTemplateRunningCt", step("pveConvertToTemplate", true,
                field("vmid", "104")), Map.of()));
        assertThat(running.get("$end")).isEqualTo("failed");
        assertThat(running.get("error")).as("a running container cannot become a template").isEqualTo("PVE_CONFLICT");

        Map<String, Object> cloned = awaitEnd(run("opsCloneCt", step("pveClone", true,
                field("vmid", "104") + field("hostname", "cache-template")), Map.of()));
        assertThat(cloned.get("$end")).as(cloned.toString()).isEqualTo("done");
        int newid = ((Number) ((Map<String, Object>) cloned.get("clone")).get("newid")).intValue();
        assertThat(guest(newid).type()).isEqualTo("lxc");
        assertThat(guest(newid).name()).isEqualTo("cache-template");

        Map<String, Object> template = awaitEnd(run("opsTemplateCt", step("pveConvertToTemplate", true,
                expression("vmid", "${newid}")), Map.of("newid", newid)));
        assertThat(template.get("$end")).as(template.toString()).isEqualTo("done");
        assertThat(guest(newid).isTemplate()).as("the run went on once the vztemplate worker had ended").isTrue();
    }

    @Test
    void growsADiskAndRefusesToShrinkIt() throws Exception {
        long before = diskGiB(106, "scsi0");
        Map<String, Object> grown = awaitEnd(run("opsResize", step("pveResize", true,
                field("vmid", "106") + field("disk", "scsi0") + field("size", "+2G")), Map.of()));
        assertThat(grown.get("$end")).as(grown.toString()).isEqualTo("done");
        assertThat((String) grown.get("upid")).contains(":resize:106:");
        assertThat(diskGiB(106, "scsi0")).isEqualTo(before + 2);

        Map<String, Object> shrink = awaitEnd(run("opsShrink", step("pveResize", true,
                field("vmid", "106") + field("disk", "scsi0") + field("size", "1G")), Map.of()));
        assertThat(shrink.get("$end")).isEqualTo("failed");
        assertThat(shrink.get("error")).isEqualTo("PVE_TASK_FAILED");
        assertThat(diskGiB(106, "scsi0")).isEqualTo(before + 2);

        Map<String, Object> badSize = awaitEnd(run("opsBadSize", step("pveResize", true,
                field("vmid", "106") + field("disk", "scsi0") + expression("size", "${'lots'}")), Map.of()));
        assertThat(badSize.get("error")).isEqualTo("PVE_INVALID_PARAM");
    }

    private List<ClusterResource> guests() {
        return pve().cluster().resources(ClusterApi.ResourceType.VM);
    }

    private ClusterResource guest(int vmid) {
        return guests().stream().filter(g -> g.vmid() != null && g.vmid() == vmid).findFirst()
                .orElseThrow(() -> new AssertionError("no guest " + vmid));
    }

    private long diskGiB(int vmid, String disk) {
        String line = pve().guests().config(guest(vmid).guest()).string(disk);
        Matcher m = Pattern.compile("size=(\\d+)([MGT])").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        long value = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "T" -> value * 1024;
            case "M" -> value / 1024;
            default -> value;
        };
    }

}
