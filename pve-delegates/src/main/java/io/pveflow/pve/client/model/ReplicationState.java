package io.pveflow.pve.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A replication job's state on its source node: last and next sync, failures. */
public record ReplicationState(String id, Integer guest, Integer jobnum, String target, String schedule,
        String type, @JsonProperty("last_sync") Long lastSync, @JsonProperty("next_sync") Long nextSync,
        @JsonProperty("last_try") Long lastTry, Double duration, @JsonProperty("fail_count") Integer failCount,
        String error, String state) {

    public boolean isFailing() {
        return (failCount != null && failCount > 0) || (error != null && !error.isBlank());
    }
}
