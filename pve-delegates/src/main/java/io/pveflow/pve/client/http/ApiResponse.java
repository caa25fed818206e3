package io.pveflow.pve.client.http;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful answer: {@code data} (JSON null for void calls) and the optional top-level {@code total}. */
public record ApiResponse(JsonNode data, Long total) {

    public boolean isNull() {
        return data == null || data.isNull() || data.isMissingNode();
    }
}
