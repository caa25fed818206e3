package io.pveflow.server.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pveflow.server.PveFlowServer;

/**
 * A PVEFlow server node in a JVM of its own, started from the test classpath, so a test can kill it the hard
 * way (SIGKILL: no shutdown hook, no rollback, locks left behind) as a crashed node would be.
 */
public final class ServerNode implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private ServerNode(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a node and waits until its health endpoint answers UP.
     *
     * @param environment      environment variables, as an operator or docker/compose.yaml sets them
     *                         ({@code SPRING_DATASOURCE_URL}, {@code PVEFLOW_NODE_ID}, ...); inherited
     *                         {@code SPRING_*} and {@code PVEFLOW_*} variables are cleared first
     * @param systemProperties JVM system properties, passed as {@code -Dkey=value}
     */
    public static ServerNode start(String name, Map<String, String> environment, Map<String, String> systemProperties)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(PveFlowServer.class.getName());
        command.add("--server.port=" + port);
        Path log = Files.createTempFile("pveflow-node-" + name + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("PVEFLOW_"));
        builder.environment().putAll(environment);
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServerNode node = new ServerNode(name, process, log, port);
        node.awaitHealthy(Duration.ofSeconds(180));
        return node;
    }

    /** {@code base} plus the given key/value pairs, which win. */
    public static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> all = new java.util.HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            all.put(keyValues[i], keyValues[i + 1]);
        }
        return all;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public TestHttp as(String user, String password) {
        return TestHttp.basic(baseUrl(), user, password);
    }

    /** SIGKILL: the node dies mid-work, exactly like a power cut or an OOM kill. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        TestHttp http = TestHttp.anonymous(baseUrl());
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Node " + name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (http.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (AssertionError notYet) {
                // connection refused while starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("Node " + name + " did not become healthy within " + timeout + ":\n" + tail());
    }

    private String tail() {
        List<String> lines = logText().lines().toList();
        return String.join(File.separator.equals("/") ? "\n" : "\r\n",
                lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
