package io.pveflow.pve.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A storage's state on a node: {@code GET /nodes/{node}/storage} entries and {@code .../{storage}/status}. */
public record StorageStatus(String storage, String type, String content, Boolean active, Boolean enabled,
        Boolean shared, Long total, Long used, Long avail, @JsonProperty("used_fraction") Double usedFraction) {
}
