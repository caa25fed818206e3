package io.pveflow.server.deployments;

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
        long limit = limits.maxDocumentSize().toBytes();
        for (EngineResource resource : resources.values()) {
            byte[] bytes = resource.getBytes();
            int size = bytes == null ? 0 : bytes.length;
            if (size > limit) {
                throw new FlowableIllegalArgumentException("Resource '" + resource.getName() + "' is " + size
                        + " bytes; the limit is " + limit + " bytes (pveflow.deployments.max-document-size)");
            }
        }
        // User task forms travel in the same deployment (approvals): each parses, each formKey resolves.
        Set<String> formIds = DeployedForms.formIds(resources);
        for (EngineResource resource : resources.values()) {
            byte[] bytes = resource.getBytes();
            if (BpmnDocumentCheck.isBpmnResource(resource.getName())) {
                BpmnModel model = BpmnDocumentCheck.parse(resource.getName(), bytes == null ? new byte[0] : bytes, validateSchema);
                // Security rules first: a refused construct is named as such, not as an incomplete one.
                List<String> violations = ProcessRules.violations(model, policyFor(deployment.getTenantId()));
                if (!violations.isEmpty()) {
                    throw new FlowableIllegalArgumentException("Resource '" + resource.getName()
                            + "' breaks PVEFlow's process rules: " + String.join("; ", violations));
                }
                List<String> catalogue = CatalogRules.violations(model, beans::activity);
                if (!catalogue.isEmpty()) {
                    throw new FlowableIllegalArgumentException("Resource '" + resource.getName()
                            + "' uses PVE activities wrongly: " + String.join("; ", catalogue));
                }
                List<String> forms = DeployedForms.formKeyProblems(model, formIds);
                if (!forms.isEmpty()) {
                    throw new FlowableIllegalArgumentException("Resource '" + resource.getName()
                            + "' uses forms wrongly: " + String.join("; ", forms));
                }
                BpmnDocumentCheck.validate(resource.getName(), model);
            }
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
