package io.pveflow.server.scripting;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.pveflow.server.scripting.ScriptFailure.Kind;

/**
 * Runs designers' JavaScript on GraalJS, harmless to the server that runs it. One shared engine keeps parsed
 * code; each evaluation gets a fresh context with no host access at all (no Java classes or objects, IO,
 * threads, processes, environment, native code or other languages). Data crosses the boundary only as JSON
 * text, so results are plain Java values. A statement limit, a wall-clock timeout and an allocation bound stop
 * runaway scripts; the server stays healthy whatever a script does.
 */
@Component
public class JsSandbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JsSandbox.class);
    private static final long WATCH_INTERVAL_MILLIS = 5;

    private final ScriptLimits limits;
    private final Engine engine;
    private final Source prelude;
    private final ObjectMapper json;
    private final ScheduledExecutorService watchdog;
    private final com.sun.management.ThreadMXBean threads;

    public JsSandbox(ScriptLimits limits) {
        this.limits = limits;
        this.engine = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
        this.prelude = Source.newBuilder("js", readPrelude(), "pveflow-prelude.js").cached(true).buildLiteral();
        this.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pveflow-script-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (threads.isThreadAllocatedMemorySupported() && !threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
    }

    public ScriptLimits limits() {
        return limits;
    }

    /** Evaluates a script; throws {@link ScriptFailure} or {@link ScriptBpmnError} when it does not complete. */
    public ScriptResult evaluate(ScriptRequest request) {
        String input = toJson(request.variables());
        String meta = toJson(request.execution());
        Source source = Source.newBuilder("js", request.script(), request.sourceName()).cached(true).buildLiteral();
        AtomicReference<Kind> stopped = new AtomicReference<>();
        try (Context context = newContext()) {
            // Our own set-up (realm, prelude, variables) is not the script's: limits count from the script on.
            Value bindings = context.getBindings("js");
            bindings.putMember("__input", input);
            bindings.putMember("__meta", meta);
            context.eval(prelude);
            ScheduledFuture<?> guard = watch(context, Thread.currentThread(), stopped);
            try {
                Value completion = context.eval(source);
                String exported = bindings.getMember("__export").execute(completion).asString();
                return fromJson(exported);
            } catch (PolyglotException e) {
                throw translate(e, stopped.get(), request.sourceName());
            } finally {
                guard.cancel(false);
            }
        } catch (PolyglotException closing) {
            // Closing a context that the watchdog cancelled reports the cancellation once more.
            throw translate(closing, stopped.get(), request.sourceName());
        }
    }

    private Context newContext() {
        return Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowInnerContextOptions(false)
                .allowExperimentalOptions(true)
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false")
                .option("js.graal-builtin", "false")
                .option("js.polyglot-builtin", "false")
                .option("js.polyglot-evalfile", "false")
                .option("js.java-package-globals", "false")
                .option("js.allow-eval", "false")
                .option("js.shared-array-buffer", "false")
                .option("js.atomics", "false")
                .option("js.string-length-limit", String.valueOf(limits.maxStringLength()))
                .option("js.max-typed-array-length", String.valueOf(limits.maxStringLength()))
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(limits.statements(), null).build())
                .in(InputStream.nullInputStream())
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
    }

    /** Cancels the evaluation when it runs too long or allocates too much; checks every few milliseconds. */
    private ScheduledFuture<?> watch(Context context, Thread evaluating, AtomicReference<Kind> stopped) {
        long started = System.nanoTime();
        long timeoutNanos = limits.timeout().toNanos();
        long allocatedAtStart = threads.getThreadAllocatedBytes(evaluating.getId());
        long memoryLimit = limits.memory().toBytes();
        return watchdog.scheduleAtFixedRate(() -> {
            Kind reason = null;
            if (System.nanoTime() - started > timeoutNanos) {
                reason = Kind.TIMEOUT;
            } else if (allocatedAtStart >= 0
                    && threads.getThreadAllocatedBytes(evaluating.getId()) - allocatedAtStart > memoryLimit) {
                reason = Kind.MEMORY_LIMIT;
            }
            if (reason != null && stopped.compareAndSet(null, reason)) {
                try {
                    context.close(true);
                } catch (RuntimeException alreadyClosing) {
                    log.debug("Cancelling a script context: {}", alreadyClosing.getMessage());
                }
            }
        }, WATCH_INTERVAL_MILLIS, WATCH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private RuntimeException translate(PolyglotException e, Kind stoppedBy, String sourceName) {
        // A statement limit also cancels the context: ask for it first.
        if (e.isResourceExhausted() && stoppedBy == null) {
            return new ScriptFailure(Kind.STATEMENT_LIMIT, sourceName + " was stopped: it executed more than "
                    + limits.statements() + " statements", 0, 0);
        }
        if (e.isCancelled() || stoppedBy != null) {
            if (stoppedBy == Kind.MEMORY_LIMIT) {
                return new ScriptFailure(Kind.MEMORY_LIMIT, sourceName + " was stopped: it allocated more than "
                        + limits.memory().toMegabytes() + " MB", 0, 0);
            }
            return new ScriptFailure(Kind.TIMEOUT, sourceName + " was stopped: it ran longer than "
                    + limits.timeout().toMillis() + " ms", 0, 0);
        }
        int[] where = locate(e, sourceName);
        String at = where[0] > 0 ? " at line " + where[0] + ", column " + where[1] : "";
        if (e.isSyntaxError()) {
            return new ScriptFailure(Kind.SYNTAX, sourceName + " has a syntax error" + at + ": " + e.getMessage(),
                    where[0], where[1]);
        }
        if (e.isGuestException() && !e.isInternalError()) {
            String bpmnErrorCode = bpmnErrorCode(e);
            if (bpmnErrorCode != null) {
                return new ScriptBpmnError(bpmnErrorCode, e.getMessage().replaceFirst("^Error: ", ""));
            }
            return new ScriptFailure(Kind.ERROR, sourceName + " failed" + at + ": " + e.getMessage(), where[0], where[1]);
        }
        log.warn("Unexpected failure in {}: {}", sourceName, e.toString());
        return new ScriptFailure(Kind.ERROR, sourceName + " failed" + at + ": " + e.getMessage(), where[0], where[1]);
    }

    /** Line and column in the designer's script: the innermost stack frame in it, not in our helpers. */
    private static int[] locate(PolyglotException e, String sourceName) {
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection section = frame.getSourceLocation();
            if (section != null && sourceName.equals(section.getSource().getName())) {
                return new int[] {section.getStartLine(), section.getStartColumn()};
            }
        }
        SourceSection section = e.getSourceLocation();
        if (section != null && sourceName.equals(section.getSource().getName())) {
            return new int[] {section.getStartLine(), section.getStartColumn()};
        }
        return new int[] {0, 0};
    }

    private static String bpmnErrorCode(PolyglotException e) {
        try {
            Value guest = e.getGuestObject();
            if (guest != null && guest.hasMember("bpmnErrorCode")) {
                Value code = guest.getMember("bpmnErrorCode");
                return code.isString() ? code.asString() : null;
            }
        } catch (RuntimeException contextGone) {
            return null;
        }
        return null;
    }

    private String toJson(Map<String, Object> values) {
        Map<String, Object> plain = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            try {
                plain.put(name, json.valueToTree(value));
            } catch (RuntimeException notJson) {
                // A value scripts cannot see (binary, an engine object): they read null, never the object.
                plain.put(name, null);
            }
        });
        try {
            return json.writeValueAsString(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ScriptResult fromJson(String exported) {
        try {
            Map<String, Object> both = json.readValue(exported, new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> writes = (Map<String, Object>) both.getOrDefault("writes", Map.of());
            return new ScriptResult(both.get("result"), writes);
        } catch (IOException e) {
            throw new ScriptFailure(Kind.UNSUPPORTED_RESULT, "The script's result is not plain data: " + e.getMessage(), 0, 0);
        }
    }

    private static String readPrelude() {
        try (InputStream in = JsSandbox.class.getResourceAsStream("/scripting/prelude.js")) {
            if (in == null) {
                throw new IllegalStateException("scripting/prelude.js is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
        engine.close(true);
    }

}
