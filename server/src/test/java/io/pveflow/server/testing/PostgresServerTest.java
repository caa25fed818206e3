package io.pveflow.server.testing;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.pveflow.server.PveFlowServer;

/**
 * The server as production runs it: PostgreSQL through the standard {@code spring.datasource.*} settings, all
 * tables in one schema of this test context's own.
 */
@SpringBootTest(classes = PveFlowServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PostgresServerTest extends ServerTestSupport {

    protected static final String SCHEMA = PostgresForTests.newSchema("pveflow_it");

    @DynamicPropertySource
    static void postgresProperties(DynamicPropertyRegistry registry) {
        PostgresForTests.Server pg = PostgresForTests.server();
        registry.add("spring.datasource.url", pg::jdbcUrl);
        registry.add("spring.datasource.username", pg::username);
        registry.add("spring.datasource.password", pg::password);
        registry.add("pveflow.database.schema", () -> SCHEMA);
        registry.add("pveflow.data-dir", () -> tempDir("pveflow-pg-").toString());
        registry.add("pveflow.admin-password", () -> ADMIN_PASSWORD);
        registry.add("pveflow.engine.node-id", () -> "pg-test-node");
    }
}
