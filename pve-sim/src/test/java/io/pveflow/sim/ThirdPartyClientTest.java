package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pveflow.sim.support.TestClusters;

/**
 * The simulator answers a client we did not write the way Proxmox VE would: cv4pve-api-javascript, a Node.js
 * client generated from Proxmox's API documentation, logs in with a ticket and with a token, starts a VM and
 * waits for its task, and meets PVE's errors (missing guest, bad parameter, VM not running, wrong secret).
 * Needs node and npm (the build already requires them for the UI); without them it says so loudly and skips.
 */
class ThirdPartyClientTest {

    private static final Path SOURCES = Path.of("src/test/third-party-client");
    private static final Path WORK = Path.of("target/third-party-client");
    private static final String TOKEN = "tester@pve!third-party";
    private static final String SECRET = "3f0c2a9e-1b7d-4e5f-8a6c-9d2e7b1f4a30";

    private static PveSimulator sim;
    private static Map<String, JsonNode> seen;

    @BeforeAll
    static void runTheThirdPartyClient() throws Exception {
        boolean hasNode = run(List.of("node", "--version"), Path.of("."), Map.of(), 30) == 0
                && run(List.of("npm", "--version"), Path.of("."), Map.of(), 30) == 0;
        if (!hasNode) {
            System.err.println("""
                    ************************************************************************
                    WARNING: node/npm not found: the third-party client check of the
                    simulator (cv4pve-api-javascript) is SKIPPED.
                    ************************************************************************""");
        }
        Assumptions.assumeTrue(hasNode, "node and npm are needed for the third-party client check");
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "check.mjs")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/@corsinvest"))) {
            int npm = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), WORK, Map.of(), 300);
            assertThat(npm).as("npm ci for the third-party client").isZero();
        }

        sim = PveSimulator.builder()
                .cluster(TestClusters.demoFast().withToken(
                        io.pveflow.sim.spec.TokenSpec.of(TOKEN, SECRET).allow("/", "Administrator")))
                .port(0).start();
        Map<String, String> env = new HashMap<>();
        env.put("PVE_HOST", "127.0.0.1");
        env.put("PVE_PORT", String.valueOf(sim.port()));
        env.put("PVE_USER", "root@pam");
        env.put("PVE_PASSWORD", "pveflow");
        env.put("PVE_TOKEN", TOKEN + "=" + SECRET);
        env.put("PVE_NODE", "pve2");
        env.put("PVE_STOPPED_VMID", "108");
        env.put("PVE_STOPPED_VMID_2", "112");
        env.put("PVE_NODE_2", "pve1");
        Path output = WORK.resolve("output.jsonl");
        int exit = run(List.of("node", "check.mjs"), WORK, env, 120, output);
        String lines = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exit).as("check.mjs output:\n" + lines).isZero();
        ObjectMapper json = new ObjectMapper();
        seen = new HashMap<>();
        for (String line : lines.lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode node = json.readTree(line);
            seen.put(node.path("name").asText(), node);
        }
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void logsInWithATicketAndReadsTheCluster() {
        assertThat(seen.get("login").path("ok").asBoolean()).isTrue();
        assertThat(seen.get("version").path("status").asInt()).isEqualTo(200);
        assertThat(seen.get("version").path("data").path("version").asText()).isEqualTo("9.1.1");
        JsonNode nodes = seen.get("nodes").path("data");
        assertThat(nodes).hasSize(3);
        nodes.forEach(n -> assertThat(n.path("ssl_fingerprint").asText()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
        assertThat(seen.get("resources-vm").path("data").size()).isGreaterThan(10);
    }

    @Test
    void startsAVmAndWaitsForItsTaskTheWayTheClientExpects() {
        JsonNode start = seen.get("start");
        assertThat(start.path("status").asInt()).isEqualTo(200);
        assertThat(start.path("data").asText()).matches("UPID:pve2:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:qmstart:108:root@pam:");
        assertThat(seen.get("wait").path("finished").asBoolean()).isTrue();
        JsonNode task = seen.get("task-status").path("data");
        assertThat(task.path("status").asText()).isEqualTo("stopped");
        assertThat(task.path("exitstatus").asText()).isEqualTo("OK");
        assertThat(seen.get("vm-status").path("data").path("status").asText()).isEqualTo("running");
    }

    @Test
    void answersErrorsAsProxmoxDoesWithTheReasonPhraseAndBody() {
        JsonNode missing = seen.get("missing-vm-config");
        assertThat(missing.path("status").asInt()).isEqualTo(500);
        assertThat(missing.path("reason").asText()).contains("999999.conf' does not exist");
        JsonNode badName = seen.get("bad-snapshot-name");
        assertThat(badName.path("status").asInt()).isEqualTo(400);
        assertThat(badName.path("errors").has("snapname")).isTrue();
        JsonNode reset = seen.get("reset-stopped");
        assertThat(reset.path("status").asInt()).isEqualTo(500);
        assertThat(reset.path("reason").asText()).isEqualTo("VM 112 not running");
    }

    @Test
    void acceptsItsApiTokenAndRefusesAWrongSecret() {
        assertThat(seen.get("token-version").path("status").asInt()).isEqualTo(200);
        assertThat(seen.get("token-wrong-secret").path("status").asInt()).isEqualTo(401);
    }

    private static int run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        return run(command, dir, env, timeoutSeconds, null);
    }

    private static int run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds, Path output)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.redirectOutput(output != null ? ProcessBuilder.Redirect.to(output.toFile()) : ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            return -1;
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -2;
        }
        return process.exitValue();
    }
}
