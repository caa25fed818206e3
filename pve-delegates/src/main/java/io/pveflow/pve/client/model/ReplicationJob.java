package io.pveflow.pve.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A replication job's configuration ({@code id} is {@code GUEST-JOBNUM}). */
public record ReplicationJob(String id, Integer guest, Integer jobnum, String target, String schedule, String type,
        String comment, Boolean disable, Double rate, String source,
        @JsonProperty("remove_job") String removeJob) {
}
