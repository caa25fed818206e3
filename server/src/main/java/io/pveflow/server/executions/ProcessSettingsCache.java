package io.pveflow.server.executions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.flowable.engine.RepositoryService;
import org.springframework.stereotype.Component;

/** Settings per process definition; a deployed definition never changes, so they are read once. */
@Component
class ProcessSettingsCache {

    private static final int MAX_ENTRIES = 10_000;

    private final RepositoryService repository;
    private final Map<String, ProcessSettings> byDefinition = new ConcurrentHashMap<>();

    ProcessSettingsCache(RepositoryService repository) {
        this.repository = repository;
    }

    ProcessSettings of(String processDefinitionId) {
        ProcessSettings cached = byDefinition.get(processDefinitionId);
        if (cached != null) {
            return cached;
        }
        ProcessSettings settings = ProcessSettings.of(repository.getBpmnModel(processDefinitionId));
        if (byDefinition.size() >= MAX_ENTRIES) {
            byDefinition.clear();
        }
        byDefinition.put(processDefinitionId, settings);
        return settings;
    }
}
