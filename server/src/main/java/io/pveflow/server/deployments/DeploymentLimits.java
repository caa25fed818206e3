package io.pveflow.server.deployments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Size limits for what may be deployed.
 *
 * @param maxUploadSize   the largest HTTP upload accepted by the deployment endpoints
 * @param maxDocumentSize the largest single resource (BPMN document, form, ...) in a deployment
 */
@ConfigurationProperties("pveflow.deployments")
public record DeploymentLimits(
        @DefaultValue("1MB") DataSize maxUploadSize,
        @DefaultValue("1MB") DataSize maxDocumentSize) {
}
