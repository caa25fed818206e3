package io.pveflow.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * One real PostgreSQL server for the whole test JVM: {@code PVEFLOW_TEST_JDBC_URL} (with
 * {@code PVEFLOW_TEST_JDBC_USERNAME}/{@code _PASSWORD}) when set, otherwise a Testcontainers PostgreSQL 16 when a
 * Docker engine answers, otherwise an embedded PostgreSQL 16 from Maven Central (zonky). Each test context gets
 * a schema of its own, which also exercises {@code pveflow.database.schema}.
 */
public final class PostgresForTests {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static volatile Server server;

    public record Server(String jdbcUrl, String username, String password, String kind) {
    }

    private PostgresForTests() {
    }

    public static Server server() {
        Server s = server;
        if (s == null) {
            synchronized (PostgresForTests.class) {
                if (server == null) {
                    server = start();
                    System.out.println("[tests] PostgreSQL for tests: " + server.kind() + " at " + server.jdbcUrl());
                }
                s = server;
            }
        }
        return s;
    }

    /** A fresh, unused schema name; PVEFlow creates the schema itself (through Flyway) on start. */
    public static String newSchema(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }

    /**
     * The environment a server process on this PostgreSQL gets, as docker/compose.yaml sets it: the standard
     * datasource variables, the schema, the first admin's password and a fixed master key.
     */
    public static java.util.Map<String, String> serverEnvironment(String schema, String adminPassword) {
        Server s = server();
        return java.util.Map.of(
                "SPRING_DATASOURCE_URL", s.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", s.username(),
                "SPRING_DATASOURCE_PASSWORD", s.password(),
                "PVEFLOW_DB_SCHEMA", schema,
                "PVEFLOW_ADMIN_PASSWORD", adminPassword,
                "PVEFLOW_MASTER_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]));
    }

    public static Connection connect() throws SQLException {
        Server s = server();
        return DriverManager.getConnection(s.jdbcUrl(), s.username(), s.password());
    }

    public static void dropSchema(String schema) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.out.println("[tests] could not drop schema " + schema + ": " + e.getMessage());
        }
    }

    private static Server start() {
        String url = System.getenv("PVEFLOW_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new Server(url, envOr("PVEFLOW_TEST_JDBC_USERNAME", "postgres"),
                    envOr("PVEFLOW_TEST_JDBC_PASSWORD", ""), "PVEFLOW_TEST_JDBC_URL");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "Testcontainers postgres:16-alpine");
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
            return new Server(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded PostgreSQL (zonky)");
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL for the tests: no PVEFLOW_TEST_JDBC_URL, no Docker engine, "
                    + "and the embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(System.getenv("PVEFLOW_TEST_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
