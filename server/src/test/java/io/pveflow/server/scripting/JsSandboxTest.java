package io.pveflow.server.scripting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What designers' JavaScript can do, and every way out of the sandbox that must fail within the limits. */
class JsSandboxTest {

    static JsSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = new JsSandbox(ScriptLimits.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.destroy();
    }

    @AfterEach
    void stillHealthy() {
        assertThat(run("1 + 1", Map.of()).value()).as("the sandbox answers after every test").isEqualTo(2);
    }

    private static ScriptResult run(String script, Map<String, Object> variables) {
        return sandbox.evaluate(new ScriptRequest(script, "test script", variables,
                Map.of("processInstanceId", "pi-1", "tenantId", "demo", "businessKey", "bk")));
    }

    private static ScriptFailure failure(String script) {
        try {
            run(script, Map.of());
        } catch (ScriptFailure e) {
            return e;
        }
        throw new AssertionError("expected a script failure for: " + script);
    }

    @Test
    void seesVariablesAndReturnsPlainJavaValues() {
        ScriptResult result = run("({vmid: vmid + 1, tags: tags.filter(t => t !== 'old'), ok: true, ratio: 0.5, none: null})",
                Map.of("vmid", 100, "tags", List.of("prod", "old")));
        java.util.Map<String, Object> expected = new java.util.HashMap<>(
                Map.of("vmid", 101, "tags", List.of("prod"), "ok", true, "ratio", 0.5));
        expected.put("none", null);
        assertThat(result.value()).isEqualTo(expected);
    }

    @Test
    void setsVariablesThroughExecutionAndReadsItsFacts() {
        ScriptResult result = run("""
                execution.setVariable('snapname', 'auto-' + execution.businessKey);
                execution.setVariable('count', execution.getVariable('count') * 2);
                execution.tenantId + '/' + execution.processInstanceId + '/' + execution.hasVariable('count')""",
                Map.of("count", 21));
        assertThat(result.value()).isEqualTo("demo/pi-1/true");
        assertThat(result.variables()).containsEntry("snapname", "auto-bk").containsEntry("count", 42);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pveflow.parseSize('10G')                                  | 10737418240",
            "pveflow.parseSize('1.5T')                                 | 1649267441664",
            "pveflow.formatSize(10737418240)                           | 10G",
            "pveflow.parseDuration('PT5M')                             | 300000",
            "pveflow.formatDuration(93600000)                          | P1DT2H",
            "pveflow.formatDate('2026-03-04T05:06:07Z', 'YYYYMMDD-HHmm') | 20260304-0506",
            "pveflow.addDuration('2026-03-04T00:00:00Z', '-P1D')        | 2026-03-03T00:00:00.000Z",
            "pveflow.format('{vm} on {node}', {vm: 'web01', node: 'pve1'}) | web01 on pve1",
            "pveflow.daysBetween('2026-01-01T00:00:00Z', '2026-01-31T12:00:00Z') | 30",
            "pveflow.toJson({a: [1, 2]})                                | {\"a\":[1,2]}",
    })
    void offersTheHelperLibrary(String script, String expected) {
        assertThat(String.valueOf(run(script, Map.of()).value())).isEqualTo(expected);
    }

    @Test
    void reportsErrorsWithLineAndColumnInTheDesignersScript() {
        ScriptFailure e = failure("const a = 1;\nconst b = a + 1;\n  b.nothing.here;");
        assertThat(e.kind()).isEqualTo(ScriptFailure.Kind.ERROR);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.getMessage()).contains("test script failed at line 3, column 3").contains("TypeError");

        ScriptFailure syntax = failure("let x = ;");
        assertThat(syntax.kind()).isEqualTo(ScriptFailure.Kind.SYNTAX);
        assertThat(syntax.line()).isEqualTo(1);

        ScriptFailure helper = failure("\npveflow.parseSize('ten gigs')");
        assertThat(helper.line()).as("located in the script, not in our helpers").isEqualTo(2);
        assertThat(helper.getMessage()).contains("not a size: 'ten gigs'");
    }

    @Test
    void turnsBpmnErrorIntoACatchableError() {
        assertThatThrownBy(() -> run("if (vmid < 100) bpmnError('BAD_VMID', 'vmid ' + vmid + ' is reserved')", Map.of("vmid", 5)))
                .isInstanceOfSatisfying(ScriptBpmnError.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("BAD_VMID");
                    assertThat(e.getMessage()).isEqualTo("vmid 5 is reserved");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Java.type('java.lang.Runtime')                              | Access to host class java.lang.Runtime is not allowed",
            "Packages.java.lang.Runtime                                  | Packages is not defined",
            "java.lang.System.exit(1)                                    | java is not defined",
            "Polyglot.eval('python', '1')                                | Polyglot is not defined",
            "load('/etc/passwd')                                         | load is not defined",
            "require('fs')                                               | require is not defined",
            "eval('1 + 1')                                               | eval",
            "new Function('return 1')()                                  | ",
            "execution.getClass()                                        | not a function",
            "execution.constructor.constructor('return Java')()          | ",
            "Object.getPrototypeOf(execution).constructor.constructor('return this.Java')() | ",
            "print('x')                                                  | print is not defined",
            "console.log('x')                                            | console is not defined",
            "Graal.versionJS                                             | Graal is not defined",
    })
    void refusesEveryWayToTheHost(String script, String expectedMessage) {
        ScriptFailure e = failure(script);
        assertThat(e.kind()).isIn(ScriptFailure.Kind.ERROR, ScriptFailure.Kind.SYNTAX);
        if (expectedMessage != null) {
            assertThat(e.getMessage()).contains(expectedMessage);
        }
    }

    @Test
    void stopsEndlessLoopsDeepRecursionAndFloods() {
        assertThat(failure("let i = 0; while (true) { i++; }").kind()).isEqualTo(ScriptFailure.Kind.STATEMENT_LIMIT);
        assertThat(failure("while (true) {}").kind()).isIn(ScriptFailure.Kind.STATEMENT_LIMIT, ScriptFailure.Kind.TIMEOUT);
        assertThat(failure("function f(n) { return f(n + 1) + 1; } f(0)").getMessage()).contains("RangeError");
        assertThat(failure("for (let i = 0; i < 1e9; i++) Promise.resolve(i).then(x => x)").kind())
                .isIn(ScriptFailure.Kind.STATEMENT_LIMIT, ScriptFailure.Kind.MEMORY_LIMIT);
        assertThat(failure("(async () => { for (;;) await null; })()").kind())
                .isIn(ScriptFailure.Kind.STATEMENT_LIMIT, ScriptFailure.Kind.MEMORY_LIMIT);
    }

    @Test
    void boundsStringsArraysAndMemory() {
        assertThat(failure("'x'.repeat(100000000)").getMessage()).contains("RangeError");
        assertThat(failure("let s = 'x'; for (;;) s = s + s;").getMessage()).contains("RangeError");
        assertThat(failure("const keep = []; for (let i = 0; i < 400000; i++) keep.push('x'.repeat(500) + i); keep.length").kind())
                .isEqualTo(ScriptFailure.Kind.MEMORY_LIMIT);
        assertThat(failure("new Array(100000000).fill(1).length").kind())
                .isIn(ScriptFailure.Kind.MEMORY_LIMIT, ScriptFailure.Kind.ERROR, ScriptFailure.Kind.STATEMENT_LIMIT);
        assertThat(failure("new Uint8Array(2000000000)").getMessage()).contains("RangeError");
    }

    @Test
    void stopsWhatStatementsDoNotCountByTheClock() {
        JsSandbox clockOnly = new JsSandbox(new ScriptLimits(Long.MAX_VALUE, java.time.Duration.ofMillis(300),
                org.springframework.util.unit.DataSize.ofMegabytes(64), 1_000_000));
        try {
            ScriptFailure e = null;
            try {
                clockOnly.evaluate(new ScriptRequest("while (true) {}", "slow script", Map.of(), Map.of()));
            } catch (ScriptFailure stopped) {
                e = stopped;
            }
            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(ScriptFailure.Kind.TIMEOUT);
            assertThat(e.getMessage()).isEqualTo("slow script was stopped: it ran longer than 300 ms");
            assertThat(clockOnly.evaluate(new ScriptRequest("'still' + ' fine'", "next", Map.of(), Map.of())).value())
                    .isEqualTo("still fine");
        } finally {
            clockOnly.destroy();
        }
    }
}
