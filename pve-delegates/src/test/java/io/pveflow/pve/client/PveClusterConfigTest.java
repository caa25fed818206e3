package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PveClusterConfigTest {

    @Test
    void endpointsAreNormalisedToTheApiBase() {
        PveClusterConfig config = PveClusterConfig.builder()
                .endpoint("pve1.example.com")
                .endpoint("10.0.0.2:8443")
                .endpoint("https://[fd00::3]")
                .endpoint("https://127.0.0.1:41234/api2/json")
                .apiToken("pveflow@pve!automation", "s3cret")
                .trust(TlsTrust.system())
                .build();

        assertThat(config.endpoints()).containsExactly("https://pve1.example.com:8006/api2/json",
                "https://10.0.0.2:8443/api2/json", "https://[fd00::3]:8006/api2/json",
                "https://127.0.0.1:41234/api2/json");
        assertThat(config.name()).isEqualTo("pve1.example.com");
    }

    @Test
    void secretsNeverAppearInToString() {
        PveClusterConfig token = PveClusterConfig.builder().endpoint("pve1").apiToken("a@pve!t", "TOKEN-SECRET")
                .trust(TlsTrust.insecure()).build();
        PveClusterConfig password = PveClusterConfig.builder().endpoint("pve1").password("root@pam", "PASSWORD-SECRET")
                .trust(TlsTrust.insecure()).build();

        assertThat(token.toString()).contains("a@pve!t").doesNotContain("TOKEN-SECRET");
        assertThat(password.toString()).contains("root@pam").doesNotContain("PASSWORD-SECRET");
        assertThat(token.credentials().toString()).doesNotContain("TOKEN-SECRET");
    }

    @Test
    void trustMustBeChosenAndHttpIsRefused() {
        assertThatThrownBy(() -> PveClusterConfig.builder().endpoint("pve1").apiToken("a@pve!t", "x").build())
                .hasMessageContaining("trust");
        assertThatThrownBy(() -> PveClusterConfig.builder().endpoint("http://pve1:8006"))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> PveCredentials.apiToken("no-realm", "x")).hasMessageContaining("user@realm!tokenid");
    }

    @Test
    void retryBackoffGrowsWithJitterAndIsCapped() {
        RetryPolicy policy = new RetryPolicy(5, java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(300));

        assertThat(policy.backoff(1).toMillis()).isBetween(50L, 100L);
        assertThat(policy.backoff(2).toMillis()).isBetween(100L, 200L);
        assertThat(policy.backoff(4).toMillis()).isBetween(150L, 300L);
    }
}
