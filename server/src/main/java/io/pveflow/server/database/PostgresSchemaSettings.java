package io.pveflow.server.database;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On PostgreSQL, keeps every table (Flowable's and ours) in one schema, {@code pveflow.database.schema}
 * (default {@code pveflow}): the pool's connections use it, Flyway creates it and migrates into it, and
 * Flowable creates and looks up its tables there. Users only set the standard {@code spring.datasource.*}.
 * Explicit settings of the same keys win, so an operator can still override any of them.
 */
public class PostgresSchemaSettings implements EnvironmentPostProcessor {

    static final String SCHEMA_PROPERTY = "pveflow.database.schema";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            return;
        }
        String schema = environment.getProperty(SCHEMA_PROPERTY, "pveflow");
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException(SCHEMA_PROPERTY + " must be a lower-case PostgreSQL identifier "
                    + "(letters, digits, underscore; at most 63 characters), got '" + schema + "'");
        }
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("spring.datasource.hikari.schema", schema);
        defaults.put("spring.flyway.schemas", schema);
        defaults.put("spring.flyway.default-schema", schema);
        defaults.put("spring.flyway.create-schemas", "true");
        defaults.put("flowable.database-schema", schema);
        // Lowest precedence: anything the operator set explicitly stays as it is.
        environment.getPropertySources().addLast(new MapPropertySource("pveflow-postgres-schema", defaults));
    }
}
