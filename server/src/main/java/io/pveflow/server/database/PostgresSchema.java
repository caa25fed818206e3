package io.pveflow.server.database;

import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * On PostgreSQL, keeps every table (Flowable's and ours) in one schema, {@code pveflow.database.schema}
 * (default {@code pveflow}): the pool's connections use it, Flyway creates it and migrates into it, and
 * Flowable creates and looks up its tables there. Operators only set the standard {@code spring.datasource.*}.
 * On H2 (the embedded default) the database file is PVEFlow's alone and the default schema is used.
 */
@Configuration(proxyBeanMethods = false)
class PostgresSchema {

    static final String SCHEMA_PROPERTY = "pveflow.database.schema";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** The schema to use, or null when the database is not PostgreSQL. */
    static String schemaFor(Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            return null;
        }
        String schema = environment.getProperty(SCHEMA_PROPERTY, "pveflow");
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException(SCHEMA_PROPERTY + " must be a lower-case PostgreSQL identifier "
                    + "(letters, digits, underscore; at most 63 characters), got '" + schema + "'");
        }
        return schema;
    }

    @Bean
    static BeanPostProcessor postgresSchemaForPool(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                String schema = schemaFor(environment);
                if (schema != null && bean instanceof HikariDataSource pool && pool.getSchema() == null) {
                    pool.setSchema(schema);
                }
                return bean;
            }
        };
    }

    @Bean
    FlywayConfigurationCustomizer postgresSchemaForFlyway(Environment environment) {
        return flyway -> {
            String schema = schemaFor(environment);
            if (schema != null) {
                flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
            }
        };
    }

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> postgresSchemaForEngine(Environment environment) {
        return engine -> {
            String schema = schemaFor(environment);
            if (schema != null) {
                engine.setDatabaseSchema(schema);
            }
        };
    }
}
