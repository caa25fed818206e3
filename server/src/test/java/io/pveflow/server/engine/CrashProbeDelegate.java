package io.pveflow.server.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

/**
 * The step a crash test interrupts. It appends "node event instance" lines to a file outside the database
 * (so they survive the transaction's rollback) and, on the node told to hang, never returns: the node is
 * killed while the job is in flight.
 */
public class CrashProbeDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        String node = System.getProperty("crashprobe.node", "unknown");
        record(node, "started", execution.getProcessInstanceId());
        if (Boolean.getBoolean("crashprobe.hang")) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hanging on purpose", e);
            }
        }
        execution.setVariable("completedBy", node);
        execution.setVariable("thread", Thread.currentThread().getName());
        record(node, "finished", execution.getProcessInstanceId());
    }

    private static void record(String node, String event, String instance) {
        String file = System.getProperty("crashprobe.log");
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), node + " " + event + " " + instance + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
