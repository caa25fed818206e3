package io.pveflow.server.deployments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.common.engine.api.FlowableIllegalArgumentException;
import org.flowable.common.engine.api.repository.EngineDeployment;
import org.flowable.common.engine.api.repository.EngineResource;
import org.flowable.common.engine.impl.EngineDeployer;
import org.flowable.engine.impl.cmd.DeploymentSettings;
import org.flowable.bpmn.model.BpmnModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.pveflow.server.approvals.DeployedForms;
import io.pveflow.server.clusters.ClusterPolicies;
import io.pveflow.server.executions.ProcessDeclarations;
import io.pveflow.server.expressions.ProcessBeans;

/**
 * A pre-deployer inside the engine: every deployment, whichever way it comes in (our API, Flowable's REST
 * API, Java code, the shipped library), passes through it before Flowable parses anything: size limits,
 * document checks ({@link BpmnDocumentCheck}) and the security rules ({@link ProcessRules}). It runs in the
 * deploy command's transaction, so a refused resource leaves nothing deployed.
 */
@Component
public class DeploymentGuard implements EngineDeployer {

    private final DeploymentLimits limits;
    private final ProcessBeans beans;
    private final ClusterPolicies clusters;
    private final Set<String> allowedClasses;

    public DeploymentGuard(DeploymentLimits limits, ProcessBeans beans, ClusterPolicies clusters,
                           @Value("${pveflow.security.allowed-delegate-classes:}") List<String> allowedClasses) {
        this.limits = limits;
        this.beans = beans;
        this.clusters = clusters;
        this.allowedClasses = Set.copyOf(allowedClasses.stream().map(String::trim).filter(c -> !c.isEmpty()).toList());
    }

    @Override
    public void deploy(EngineDeployment deployment, Map<String, Object> deploymentSettings) {
        if (!deployment.isNew()) {
            return; // redeploying from the database after a restart or cache miss: already checked
        }
        Map<String, EngineResource> resources = deployment.getResources();
        if (resources == null || resources.isEmpty()) {
            throw new FlowableIllegalArgumentException("The deployment contains no resource");
        }
        boolean validateSchema = deploymentSettings == null
                || !Boolean.FALSE.equals(deploymentSettings.get(DeploymentSettings.IS_BPMN20_XSD_VALIDATION_ENABLED));
        // User task forms travel in the same deployment (approvals): each parses, each formKey resolves.
        Set<String> formIds;
        try {
            formIds = DeployedForms.formIds(resources);
        } catch (FlowableIllegalArgumentException e) {
            throw BpmnDocumentCheck.refusal("form", e.getMessage());
        }
        for (EngineResource resource : resources.values()) {
            refuseIfBroken(deployment.getTenantId(), resource.getName(), resource.getBytes(), validateSchema, formIds);
        }
    }

    /**
     * Every problem the guard finds in one document, as it would be deployed for {@code tenantId}, without deploying
     * anything: the size limit, the document checks, the process rules, the catalogue and Flowable's validation.
     * Empty when the guard would accept the document.
     */
    public List<DeploymentProblem> check(String tenantId, String resourceName, byte[] document) {
        return check(tenantId, resourceName, document, Set.of());
    }

    /** Like {@link #check(String, String, byte[])} for a document deployed with the forms of these ids. */
    public List<DeploymentProblem> check(String tenantId, String resourceName, byte[] document, Set<String> formIds) {
        try {
            refuseIfBroken(tenantId, resourceName, document, true, formIds);
            return List.of();
        } catch (DeploymentRefusedException refused) {
            return refused.problems();
        }
    }

    private void refuseIfBroken(String tenantId, String resourceName, byte[] bytes, boolean validateSchema,
                                Set<String> formIds) {
        long limit = limits.maxDocumentSize().toBytes();
        int size = bytes == null ? 0 : bytes.length;
        if (size > limit) {
            throw BpmnDocumentCheck.refusal("document-size", "Resource '" + resourceName + "' is " + size
                    + " bytes; the limit is " + limit + " bytes (pveflow.deployments.max-document-size)");
        }
        if (!BpmnDocumentCheck.isBpmnResource(resourceName)) {
            return;
        }
        BpmnModel model = BpmnDocumentCheck.parse(resourceName, bytes == null ? new byte[0] : bytes, validateSchema);
        // Every rule set runs, so the refusal lists all problems at once; its message names the first rule set
        // that refused, security rules first: a refused construct is named as such, not as an incomplete one.
        List<DeploymentProblem> security = ProcessRules.problems(model, policyFor(tenantId));
        List<DeploymentProblem> catalogue = CatalogRules.problems(model, beans::activity);
        List<DeploymentProblem> declarations = new ArrayList<>();
        String processId = model.getMainProcess() == null ? null : model.getMainProcess().getId();
        ProcessDeclarations.problems(model).forEach((field, problem) -> declarations.add(
                DeploymentProblem.error(processId, field, "run-settings", "pveflow:" + field + ": " + problem)));
        List<DeploymentProblem> forms = DeployedForms.formKeyProblems(model, formIds).stream()
                .map(p -> DeploymentProblem.error(p.taskId(), "formKey", "form-key", p.message())).toList();
        List<DeploymentProblem> all = new ArrayList<>(security);
        all.addAll(catalogue);
        all.addAll(declarations);
        all.addAll(forms);
        String invalid = BpmnDocumentCheck.validate(resourceName, model, all);
        if (!security.isEmpty()) {
            throw new DeploymentRefusedException("Resource '" + resourceName + "' breaks PVEFlow's process rules: "
                    + String.join("; ", ProcessRules.describe(security)), all);
        }
        if (!catalogue.isEmpty()) {
            throw new DeploymentRefusedException("Resource '" + resourceName + "' uses PVE activities wrongly: "
                    + String.join("; ", CatalogRules.describe(catalogue)), all);
        }
        if (!declarations.isEmpty()) {
            throw new DeploymentRefusedException("Resource '" + resourceName + "' declares its runs wrongly: "
                    + String.join("; ", declarations.stream().map(DeploymentProblem::message).toList()), all);
        }
        if (!forms.isEmpty()) {
            throw new DeploymentRefusedException("Resource '" + resourceName + "' uses forms wrongly: "
                    + String.join("; ", forms.stream().map(p -> "user task '" + p.elementId() + "': " + p.message()).toList()), all);
        }
        if (invalid != null) {
            throw new DeploymentRefusedException(invalid, all);
        }
    }

    private ProcessRules.Policy policyFor(String tenantId) {
        return new ProcessRules.Policy(beans::isAllowed, beans.names(), allowedClasses, clusters.allowsHttpTask(tenantId));
    }

    @Override
    public void undeploy(EngineDeployment parentDeployment, boolean cascade) {
        // nothing of ours to remove
    }
}
