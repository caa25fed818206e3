package io.pveflow.pve.client;

import static io.pveflow.pve.client.PveErrorCode.ALREADY_RUNNING;
import static io.pveflow.pve.client.PveErrorCode.AUTH;
import static io.pveflow.pve.client.PveErrorCode.CONFLICT;
import static io.pveflow.pve.client.PveErrorCode.CONNECTION;
import static io.pveflow.pve.client.PveErrorCode.INVALID_PARAM;
import static io.pveflow.pve.client.PveErrorCode.LOCKED;
import static io.pveflow.pve.client.PveErrorCode.NOT_FOUND;
import static io.pveflow.pve.client.PveErrorCode.NOT_RUNNING;
import static io.pveflow.pve.client.PveErrorCode.PERMISSION;
import static io.pveflow.pve.client.PveErrorCode.SERVER;
import static io.pveflow.pve.client.PveErrorCode.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every failure described in Proxmox's behaviour notes gets the code a process designer would expect. */
class PveErrorsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "500|Configuration file 'nodes/pve/qemu-server/999.conf' does not exist|NOT_FOUND",
            "500|VM 100 not running|NOT_RUNNING",
            "500|CT 100 not running|NOT_RUNNING",
            "500|CT 100 already running|ALREADY_RUNNING",
            "500|VM is locked (backup)|LOCKED",
            "500|CT is locked (snapshot-delete)|LOCKED",
            "500|can't lock file '/var/lock/qemu-server/lock-100.conf' - got timeout|LOCKED",
            "500|can't migrate running VM without --online|CONFLICT",
            "500|snapshot 'nope' does not exist|NOT_FOUND",
            "500|storage 'nas2' does not exist|NOT_FOUND",
            "500|no such resource 'vm:999'|NOT_FOUND",
            "500|hostname lookup 'pve9' failed - failed to get address info for: pve9: Name or service not known|NOT_FOUND",
            "500|replication job '100-0' already defined|CONFLICT",
            "500|unable to use snapshot name 'current' (reserved name)|INVALID_PARAM",
            "500|something unexpected happened|SERVER",
            "400|Parameter verification failed.|INVALID_PARAM",
            "400|Parameter verification failed: vmid: VM 100 already exists|INVALID_PARAM",
            "400|no such task|NOT_FOUND",
            "401|authentication failure|AUTH",
            "401|No ticket|AUTH",
            "401|invalid csrf token|AUTH",
            "403|Permission check failed (/vms/100, VM.PowerMgmt)|PERMISSION",
            "501|Method 'GET /x' not implemented|SERVER",
            "595|No route to host|CONNECTION",
            "596|Connection timed out|CONNECTION",
            "503|Service Unavailable|SERVER"})
    void classifiesHttpAnswers(int status, String message, PveErrorCode expected) {
        assertThat(PveErrors.classify(status, message)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "VM 100 already running|ALREADY_RUNNING",
            "shrinking disks is not supported|INVALID_PARAM",
            "unable to create VM 101: config file already exists|CONFLICT",
            "VM is locked (backup)|LOCKED",
            "snapshot name 'daily' already used|CONFLICT",
            "VM quit/powerdown failed - got timeout|TIMEOUT",
            "interrupted by signal|SERVER",
            "backup storage offline|SERVER",
            "unable to find configuration file for VM 999|NOT_FOUND"})
    void classifiesTaskExitStatusesWithTheSameRules(String exitStatus, PveErrorCode expected) {
        assertThat(PveErrors.classifyExitStatus(exitStatus)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"OK", "WARNINGS: 2"})
    void successfulExitStatusesHaveNoCode(String exitStatus) {
        assertThat(PveErrors.isSuccess(exitStatus)).isTrue();
        assertThat(PveErrors.classifyExitStatus(exitStatus)).isNull();
    }

    @org.junit.jupiter.api.Test
    void unusedCodesStayReachable() {
        // every code has at least one source (the table above covers the rest)
        assertThat(PveErrors.classify(403, "x")).isEqualTo(PERMISSION);
        assertThat(PveErrors.classify(401, "x")).isEqualTo(AUTH);
        assertThat(PveErrors.classifyText("got timeout")).isEqualTo(TIMEOUT);
        assertThat(PveErrors.classifyText(null)).isEqualTo(SERVER);
        assertThat(PveErrors.classifyText("VM 1 not running")).isEqualTo(NOT_RUNNING);
        assertThat(PveErrors.classifyText("x does not exist")).isEqualTo(NOT_FOUND);
        assertThat(PveErrors.classifyText("x already exists")).isEqualTo(CONFLICT);
        assertThat(PveErrors.classifyText("VM 1 already running")).isEqualTo(ALREADY_RUNNING);
        assertThat(PveErrors.classifyText("VM is locked (clone)")).isEqualTo(LOCKED);
        assertThat(PveErrors.classifyText("No route to host")).isEqualTo(CONNECTION);
        assertThat(PveErrors.classify(400, "type check ('integer') failed")).isEqualTo(INVALID_PARAM);
    }
}
