package io.pveflow.server.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterValidatorTest {

    @ParameterizedTest
    @CsvSource({
            "pve1,                              https://pve1:8006",
            "PVE1.Example.com:8443,             https://pve1.example.com:8443",
            "https://10.0.0.5,                  https://10.0.0.5:8006",
            "https://[fd00::5]:8006/api2/json,  https://[fd00::5]:8006",
            "https://pve1/,                     https://pve1:8006",
    })
    void normalisesEndpoints(String given, String expected) {
        assertThat(ClusterValidator.normaliseEndpoint(given)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://pve1:8006          | must use https",
            "https://root:pw@pve1      | must not contain credentials",
            "https://pve1/some/path    | must be a host and port only",
            "https://pve1:8006/?x=1    | must not have a query",
    })
    void explainsBadEndpoints(String given, String message) {
        assertThatThrownBy(() -> ClusterValidator.normaliseEndpoint(given)).hasMessageContaining(message);
    }

    @Test
    void normalisesFingerprintsToProxmoxsForm() {
        String hex = "ab".repeat(32);
        assertThat(ClusterValidator.normaliseFingerprint(hex)).hasSize(95).startsWith("AB:AB:").doesNotEndWith(":");
        assertThat(ClusterValidator.normaliseFingerprint("AB:CD")).isNull();
        assertThat(ClusterValidator.normaliseFingerprint("zz".repeat(32))).isNull();
    }

    @Test
    void acceptsProxmoxTokenIds() {
        assertThat(ClusterValidator.TOKEN_ID.matcher("root@pam!automation").matches()).isTrue();
        assertThat(ClusterValidator.TOKEN_ID.matcher("pveflow@pve!ci-token_1").matches()).isTrue();
        assertThat(ClusterValidator.TOKEN_ID.matcher("root@pam").matches()).isFalse();
        assertThat(ClusterValidator.TOKEN_ID.matcher("root!token").matches()).isFalse();
    }
}
