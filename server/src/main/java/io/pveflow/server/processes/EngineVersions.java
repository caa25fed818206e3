package io.pveflow.server.processes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.flowable.common.engine.api.FlowableIllegalArgumentException;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

import io.pveflow.server.approvals.DeployedForms;

/**
 * The deployed versions of processes, as Flowable keeps them. Every query names its tenant: a cluster's id, or
 * the default tenant for the shared library, so no lookup can cross clusters.
 */
@Component
class EngineVersions {

    private final RepositoryService repository;

    EngineVersions(RepositoryService repository) {
        this.repository = repository;
    }

    /** Every version of the key in the cluster, oldest first. */
    List<ProcessDefinition> versions(String clusterId, String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).processDefinitionTenantId(clusterId)
                .orderByProcessDefinitionVersion().asc().list();
    }

    Optional<ProcessDefinition> version(String clusterId, String key, int version) {
        return Optional.ofNullable(repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionTenantId(clusterId).processDefinitionVersion(version).singleResult());
    }

    Optional<ProcessDefinition> latest(String clusterId, String key) {
        return Optional.ofNullable(repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionTenantId(clusterId).latestVersion().singleResult());
    }

    /** A definition by id, only if it belongs to the cluster. */
    Optional<ProcessDefinition> byId(String clusterId, String definitionId) {
        return Optional.ofNullable(repository.createProcessDefinitionQuery().processDefinitionId(definitionId)
                .processDefinitionTenantId(clusterId).singleResult());
    }

    /** The newest version of every key deployed in the cluster. */
    List<ProcessDefinition> latestOfCluster(String clusterId) {
        return repository.createProcessDefinitionQuery().processDefinitionTenantId(clusterId).latestVersion()
                .orderByProcessDefinitionKey().asc().list();
    }

    /** The shared library: the newest version of every key in the default tenant. */
    List<ProcessDefinition> library() {
        return repository.createProcessDefinitionQuery().processDefinitionWithoutTenantId().latestVersion()
                .orderByProcessDefinitionKey().asc().list();
    }

    Optional<ProcessDefinition> libraryProcess(String key) {
        return Optional.ofNullable(repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionWithoutTenantId().latestVersion().singleResult());
    }

    /** The document exactly as it was deployed, byte for byte (for export). */
    byte[] document(ProcessDefinition definition) {
        try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The deployed document as text (to become a draft). */
    String xml(ProcessDefinition definition) {
        return new String(document(definition), StandardCharsets.UTF_8);
    }

    /**
     * The forms deployed with a version, by form id (the id inside each {@code *.form} resource, whatever the
     * resource is called), as their JSON text. A form that does not parse is left out: the guard refused such
     * deployments, so only one deployed before the forms rules could have it.
     */
    Map<String, String> forms(ProcessDefinition definition) {
        Map<String, String> forms = new java.util.TreeMap<>();
        for (String name : repository.getDeploymentResourceNames(definition.getDeploymentId())) {
            if (!DeployedForms.isFormResource(name)) {
                continue;
            }
            byte[] bytes;
            try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(), name)) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                forms.putIfAbsent(DeployedForms.formId(bytes), new String(bytes, StandardCharsets.UTF_8));
            } catch (FlowableIllegalArgumentException unusable) {
                // not a form of ours: nothing to carry over
            }
        }
        return forms;
    }

    Map<String, Deployment> deployments(Collection<String> deploymentIds) {
        if (deploymentIds.isEmpty()) {
            return Map.of();
        }
        return repository.createDeploymentQuery().deploymentIds(List.copyOf(deploymentIds)).list().stream()
                .collect(Collectors.toMap(Deployment::getId, Function.identity()));
    }
}
