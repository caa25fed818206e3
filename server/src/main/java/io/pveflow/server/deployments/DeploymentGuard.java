package io.pveflow.server.deployments;

import java.util.Map;

import org.flowable.common.engine.api.FlowableIllegalArgumentException;
import org.flowable.common.engine.api.repository.EngineDeployment;
import org.flowable.common.engine.api.repository.EngineResource;
import org.flowable.common.engine.impl.EngineDeployer;
import org.flowable.engine.impl.cmd.DeploymentSettings;
import org.springframework.stereotype.Component;

/**
 * A pre-deployer inside the engine: every deployment, whichever way it comes in (our API, Flowable's REST
 * API, Java code), passes through it before Flowable parses anything. It runs in the deploy command's
 * transaction, so a refused resource leaves nothing deployed.
 */
@Component
public class DeploymentGuard implements EngineDeployer {

    private final DeploymentLimits limits;

    public DeploymentGuard(DeploymentLimits limits) {
        this.limits = limits;
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
            if (BpmnDocumentCheck.isBpmnResource(resource.getName())) {
                BpmnDocumentCheck.check(resource.getName(), bytes == null ? new byte[0] : bytes, validateSchema);
            }
        }
    }

    @Override
    public void undeploy(EngineDeployment parentDeployment, boolean cascade) {
        // nothing of ours to remove
    }
}
