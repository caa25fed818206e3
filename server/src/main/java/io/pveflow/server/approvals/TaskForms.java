package io.pveflow.server.approvals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The form of a task: the built-in approval form, or the {@code *.form} resource with that id in the deployment
 * of the task's process version. Deployments never change, so each one's forms are read once.
 */
@Component
class TaskForms {

    private final RepositoryService repository;
    private final Map<String, Map<String, FormSchema>> byDeployment = new ConcurrentHashMap<>();

    TaskForms(@Lazy RepositoryService repository) {
        this.repository = repository;
    }

    /** The form, or null when the task has no formKey. */
    FormSchema form(String processDefinitionId, String formKey) {
        if (formKey == null || formKey.isBlank()) {
            return null;
        }
        if (ApprovalForm.KEY.equals(formKey)) {
            return ApprovalForm.SCHEMA;
        }
        ProcessDefinition definition = repository.getProcessDefinition(processDefinitionId);
        FormSchema form = byDeployment.computeIfAbsent(definition.getDeploymentId(), this::load).get(formKey);
        if (form == null) {
            // The deployment guard refuses such a process; only a deployment from before it could get here.
            throw new IllegalStateException("The deployment of " + processDefinitionId + " has no form '" + formKey + "'");
        }
        return form;
    }

    private Map<String, FormSchema> load(String deploymentId) {
        Map<String, FormSchema> forms = new HashMap<>();
        for (String name : repository.getDeploymentResourceNames(deploymentId)) {
            if (FormParser.isFormResource(name)) {
                try (InputStream in = repository.getResourceAsStream(deploymentId, name)) {
                    FormSchema form = FormParser.parse(in.readAllBytes());
                    forms.put(form.id(), form);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Map.copyOf(forms);
    }
}
