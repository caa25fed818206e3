package io.pveflow.server.library;

import java.io.IOException;
import java.io.InputStream;

import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the shipped library ({@code processes/}, classpath {@code pveflow-library/}) into the default tenant,
 * where every cluster can start it. Through the same guard as any other deployment; duplicate filtering keeps
 * an unchanged library from becoming a new version on every start.
 */
@Component
class LibraryDeployer implements SmartInitializingSingleton {

    static final String DEPLOYMENT_NAME = "pveflow-library";
    private static final Logger log = LoggerFactory.getLogger(LibraryDeployer.class);

    private final RepositoryService repository;

    LibraryDeployer(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:pveflow-library/*.bpmn20.xml");
            if (files.length == 0) {
                return;
            }
            DeploymentBuilder deployment = repository.createDeployment().name(DEPLOYMENT_NAME).enableDuplicateFiltering();
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    deployment.addBytes(file.getFilename(), in.readAllBytes());
                }
            }
            Deployment deployed = deployment.deploy();
            log.info("Process library: {} process(es) in deployment {}", files.length, deployed.getId());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the shipped process library: " + e.getMessage(), e);
        }
    }
}
