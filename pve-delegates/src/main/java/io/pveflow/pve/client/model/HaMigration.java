package io.pveflow.pve.client.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** PVE 9's answer to an HA migrate or relocate request (8.x answers nothing). */
public record HaMigration(String sid, @JsonProperty("requested-node") String requestedNode,
        @JsonProperty("blocking-resources") List<Map<String, Object>> blockingResources,
        @JsonProperty("comigrated-resources") List<Object> comigratedResources) {
}
