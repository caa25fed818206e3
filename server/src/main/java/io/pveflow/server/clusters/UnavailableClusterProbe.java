package io.pveflow.server.clusters;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Until the PVE client is wired in, a connection test says plainly that it cannot be done yet. */
@Configuration(proxyBeanMethods = false)
class UnavailableClusterProbe {

    @Bean
    @ConditionalOnMissingBean(ClusterProbe.class)
    ClusterProbe clusterProbe() {
        return cluster -> ClusterProbe.ProbeResult.unavailable(
                "Connection tests need the Proxmox VE client, which this build does not include yet");
    }
}
