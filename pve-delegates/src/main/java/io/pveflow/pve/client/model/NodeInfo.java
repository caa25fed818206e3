package io.pveflow.pve.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code GET /nodes}; {@code sslFingerprint} is the node certificate's pin. */
public record NodeInfo(String node, String status, Double cpu, Double maxcpu, Long mem, Long maxmem, Long disk,
        Long maxdisk, Long uptime, String level, @JsonProperty("ssl_fingerprint") String sslFingerprint) {

    public boolean isOnline() {
        return "online".equals(status);
    }
}
