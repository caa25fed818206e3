package io.pveflow.pve.client.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /nodes/{node}/qemu/{vmid}/migrate}: whether and where a VM may migrate. */
public record MigrationCheck(Boolean running,
        @JsonProperty("allowed_nodes") List<String> allowedNodes,
        @JsonProperty("not_allowed_nodes") Map<String, Object> notAllowedNodes,
        @JsonProperty("local_disks") List<Map<String, Object>> localDisks,
        @JsonProperty("local_resources") List<String> localResources) {

    public List<String> allowedNodes() {
        return allowedNodes == null ? List.of() : allowedNodes;
    }
}
