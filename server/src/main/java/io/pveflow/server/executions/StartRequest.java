package io.pveflow.server.executions;

import java.util.Map;

import org.flowable.engine.repository.ProcessDefinition;

/**
 * One start, whoever asks: the definition to run, for which cluster, with what, by whom and how
 * ({@code ui}, {@code api}, {@code schedule}, {@code webhook}, {@code event}, {@code resume}).
 */
record StartRequest(ProcessDefinition definition, String clusterId, String businessKey, Map<String, Object> variables,
                    String startedBy, String startedVia, String resumedFrom, String startActivityId) {
}
