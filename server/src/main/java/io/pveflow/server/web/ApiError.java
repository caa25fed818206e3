package io.pveflow.server.web;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error answered by PVEFlow's own API: what went wrong, in words, and per field. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(Instant timestamp, int status, String error, String message, String path,
                       Map<String, String> errors) {
}
