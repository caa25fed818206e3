package io.pveflow.server.database;

import java.util.Set;

import org.flowable.engine.ProcessEngine;
import org.flowable.spring.ProcessEngineFactoryBean;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Makes the process engine start after Flyway: on PostgreSQL, Flyway creates the schema Flowable's tables go
 * into. Spring Boot orders beans found by such detectors after every database initializer.
 */
public class EngineAfterMigrations extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(ProcessEngine.class, ProcessEngineFactoryBean.class, SpringProcessEngineConfiguration.class);
    }
}
