package io.pveflow.pve.client.model;

/** A numbered log line ({@code n}, {@code t}) of a task or replication log. */
public record LogLine(int n, String t) {
}
