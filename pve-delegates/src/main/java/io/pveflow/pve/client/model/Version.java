package io.pveflow.pve.client.model;

/** {@code GET /version}. */
public record Version(String version, String release, String repoid, String console) {
}
