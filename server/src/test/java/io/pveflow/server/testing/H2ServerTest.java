package io.pveflow.server.testing;

import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.pveflow.server.PveFlowServer;

/**
 * The server as a newcomer runs it: embedded default, H2 file database in a data folder, real HTTP on a
 * random port. Test classes extending this share one running server.
 */
@SpringBootTest(classes = PveFlowServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class H2ServerTest extends ServerTestSupport {

    protected static final Path DATA_DIR = tempDir("pveflow-h2-");

    @DynamicPropertySource
    static void h2Properties(DynamicPropertyRegistry registry) {
        registry.add("pveflow.data-dir", DATA_DIR::toString);
        registry.add("pveflow.admin-password", () -> ADMIN_PASSWORD);
        registry.add("pveflow.engine.node-id", () -> "h2-test-node");
        registry.add("pveflow.demo.task-millis", () -> "300");
        registry.add("pveflow.tasks.poll-interval", () -> "PT0.3S");
        // Poll for due jobs often, so tests that wait on async steps and retries wait less.
        registry.add("flowable.process.async.executor.default-async-job-acquire-wait-time", () -> "PT0.5S");
        registry.add("flowable.process.async.executor.default-timer-job-acquire-wait-time", () -> "PT0.5S");
    }
}
