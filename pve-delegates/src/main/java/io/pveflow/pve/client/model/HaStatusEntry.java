package io.pveflow.pve.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of {@code GET /cluster/ha/status/current}: quorum, master, an LRM or a service. */
public record HaStatusEntry(String id, String type, String node, String sid, String state, String status,
        @JsonProperty("crm_state") String crmState, @JsonProperty("request_state") String requestState,
        Boolean quorate, Long timestamp) {
}
