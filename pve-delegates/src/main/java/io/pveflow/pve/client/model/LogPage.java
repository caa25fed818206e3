package io.pveflow.pve.client.model;

import java.util.List;

/** A page of a log and the log's total number of lines. */
public record LogPage(List<LogLine> lines, long total) {
}
