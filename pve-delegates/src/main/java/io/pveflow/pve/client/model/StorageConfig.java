package io.pveflow.pve.client.model;

/** One storage definition of {@code GET /storage} (cluster configuration, not usage). */
public record StorageConfig(String storage, String type, String content, Boolean shared, Boolean disable,
        String nodes, String path, String pool, String server, String export, String digest) {
}
