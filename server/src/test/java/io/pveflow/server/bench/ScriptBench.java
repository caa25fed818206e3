package io.pveflow.server.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.pveflow.server.scripting.JsSandbox;
import io.pveflow.server.scripting.ScriptLimits;
import io.pveflow.server.scripting.ScriptRequest;

/**
 * Cost of one sandboxed JavaScript evaluation, cold (first evaluation of a new script text in a fresh engine) and
 * warm (the same script again: parsed code cached by the shared engine, a new context each time). Not a test:
 * run it with {@code mvn -pl server -DskipUi test-compile exec:java -Dexec.mainClass=io.pveflow.server.bench.ScriptBench
 * -Dexec.classpathScope=test} and read the printed figures.
 */
public final class ScriptBench {

    private ScriptBench() {
    }

    public static void main(String[] args) {
        Map<String, Object> variables = Map.of("vmid", 101, "size", "32G",
                "guests", List.of(Map.of("vmid", 100, "tags", List.of("prod")), Map.of("vmid", 101, "tags", List.of("dev"))));
        String[] scripts = {
                "vmid > 100",
                "pveflow.parseSize(size) <= pveflow.parseSize('100G')",
                "const s = guests.filter(g => g.tags.includes('prod')).map(g => g.vmid); execution.setVariable('s', s); s.length",
        };
        long startEngine = System.nanoTime();
        JsSandbox sandbox = new JsSandbox(ScriptLimits.defaults());
        System.out.printf("engine start: %.1f ms%n", (System.nanoTime() - startEngine) / 1e6);
        try {
            for (String script : scripts) {
                long cold = time(sandbox, script, variables);
                for (int i = 0; i < 300; i++) {
                    time(sandbox, script, variables); // warm-up
                }
                long[] warm = new long[1000];
                for (int i = 0; i < warm.length; i++) {
                    warm[i] = time(sandbox, script, variables);
                }
                Arrays.sort(warm);
                System.out.printf("%-60.60s cold %7.2f ms | warm p50 %5.3f ms, p90 %5.3f ms, p99 %5.3f ms%n", script,
                        cold / 1e6, warm[500] / 1e6, warm[900] / 1e6, warm[990] / 1e6);
            }
        } finally {
            sandbox.destroy();
        }
    }

    private static long time(JsSandbox sandbox, String script, Map<String, Object> variables) {
        long start = System.nanoTime();
        sandbox.evaluate(new ScriptRequest(script, "bench", variables, Map.of("tenantId", "demo")));
        return System.nanoTime() - start;
    }
}
