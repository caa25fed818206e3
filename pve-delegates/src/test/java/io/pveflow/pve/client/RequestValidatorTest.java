package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pveflow.pve.client.validation.RequestValidator;

/** Requests are checked and written in PVE's wire form before anything is sent. */
class RequestValidatorTest {

    private static final String START = "/nodes/{node}/qemu/{vmid}/status/start";
    private static final String SNAPSHOT = "/nodes/{node}/qemu/{vmid}/snapshot";

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static PveApiException refused(String method, String path, Map<String, Object> params) {
        try {
            RequestValidator.validate(method, path, params);
        } catch (PveApiException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void booleansGoOutAsZeroOrOneBecausePveRefusesTrue() {
        Map<String, List<String>> wire = RequestValidator.validate("POST", START,
                params("node", "pve1", "vmid", 100, "skiplock", true, "with-conntrack-state", false));

        assertThat(wire).containsEntry("skiplock", List.of("1")).containsEntry("with-conntrack-state", List.of("0"));
    }

    @Test
    void vmidMustBeBetween100And999999999() {
        assertThat(refused("POST", START, params("node", "pve1", "vmid", 99)))
                .satisfies(e -> assertThat(e.code()).isEqualTo(PveErrorCode.INVALID_PARAM))
                .hasMessageContaining("'vmid'").hasMessageContaining("minimum value of 100");
        assertThat(refused("POST", START, params("node", "pve1", "vmid", 1_000_000_000L)))
                .hasMessageContaining("'vmid'").hasMessageContaining("maximum");
        assertThat(refused("POST", START, params("node", "pve1", "vmid", "abc")))
                .hasMessageContaining("'vmid'").hasMessageContaining("type check ('integer')");
        assertThat(RequestValidator.validate("POST", START, params("node", "pve1", "vmid", "999999999")))
                .containsEntry("vmid", List.of("999999999"));
    }

    @Test
    void snapshotNamesStartWithALetterAndCurrentIsReserved() {
        assertThat(RequestValidator.validate("POST", SNAPSHOT,
                params("node", "pve1", "vmid", 100, "snapname", "before-upgrade_2"))).containsKey("snapname");
        for (String bad : new String[] {"1st", "a", "with space", "dot.ted", "ümlaut"}) {
            assertThat(refused("POST", SNAPSHOT, params("node", "pve1", "vmid", 100, "snapname", bad)))
                    .as(bad).hasMessageContaining("'snapname'");
        }
        assertThat(refused("POST", SNAPSHOT, params("node", "pve1", "vmid", 100, "snapname", "current")))
                .hasMessageContaining("'snapname'").hasMessageContaining("reserved");
    }

    @Test
    void requiredParametersMustBePresent() {
        assertThat(refused("POST", "/nodes/{node}/qemu/{vmid}/clone", params("node", "pve1", "vmid", 100)))
                .hasMessageContaining("'newid'").hasMessageContaining("required");
    }

    @Test
    void unknownParametersAreRefusedByName() {
        assertThat(refused("POST", START, params("node", "pve1", "vmid", 100, "debug", true)))
                .hasMessageContaining("'debug'").hasMessageContaining("not a parameter");
    }

    @Test
    void enumerationsAndPatternsAreChecked() {
        assertThat(refused("POST", "/nodes/{node}/status", params("node", "pve1", "command", "halt")))
                .hasMessageContaining("'command'").hasMessageContaining("[reboot, shutdown]");
        assertThat(refused("PUT", "/nodes/{node}/qemu/{vmid}/resize",
                params("node", "pve1", "vmid", 100, "disk", "scsi0", "size", "10 GB")))
                .hasMessageContaining("'size'").hasMessageContaining("pattern");
        assertThat(refused("PUT", "/nodes/{node}/qemu/{vmid}/resize",
                params("node", "pve1", "vmid", 100, "disk", "rootfs", "size", "+1G")))
                .hasMessageContaining("'disk'");
        assertThat(refused("GET", "/nodes/{node}/status", params("node", "bad_node!")))
                .hasMessageContaining("'node'").hasMessageContaining("pve-node");
    }

    @Test
    void numbersAreWrittenPlainlyAndAcceptedFromText() {
        Map<String, List<String>> wire = RequestValidator.validate("POST", "/nodes/{node}/lxc/{vmid}/migrate",
                params("node", "pve1", "vmid", "101", "target", "pve2", "bwlimit", 1.0e7));

        assertThat(wire).containsEntry("bwlimit", List.of("10000000")).containsEntry("vmid", List.of("101"));
    }

    @Test
    void nullsAreLeftOut() {
        assertThat(RequestValidator.validate("GET", "/cluster/resources", params("type", null))).isEmpty();
    }

    @Test
    void aMethodWithoutRulesIsAProgrammingError() {
        assertThatThrownBy(() -> RequestValidator.validate("GET", "/nope", Map.of()))
                .isInstanceOf(IllegalStateException.class);
    }
}
