package io.pveflow.server.testing;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.pveflow.server.PveFlowServer;

/**
 * The server as production runs it: PostgreSQL through the standard {@code spring.datasource.*} settings, all
 * tables in one schema of this test context's own. The context closes after its class, while PostgreSQL is
 * still up: left to the JVM's shutdown hooks, it would race the database's own shutdown hook.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
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
