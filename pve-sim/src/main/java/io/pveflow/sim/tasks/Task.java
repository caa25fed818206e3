package io.pveflow.sim.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** One worker task: its UPID, log and end state. Thread-safe (all access synchronized on the task). */
public final class Task {

    private final Upid upid;
    private final String upidText;
    private final TaskWork work;
    private final long createdMillis;
    private final List<String> log = new ArrayList<>();
    private int warnings;
    private boolean begun;
    private boolean stopped;
    private String exitStatus;
    private long endtime;
    private long endedMillis;
    private ScheduledFuture<?> pending;

    Task(Upid upid, TaskWork work) {
        this.upid = upid;
        this.upidText = upid.toString();
        this.work = work;
        this.createdMillis = System.currentTimeMillis();
    }

    public Upid upid() {
        return upid;
    }

    public String upidText() {
        return upidText;
    }

    TaskWork work() {
        return work;
    }

    long createdMillis() {
        return createdMillis;
    }

    public synchronized boolean running() {
        return !stopped;
    }

    /** {@code OK}, {@code WARNINGS: N} or the error text; {@code null} while running. */
    public synchronized String exitStatus() {
        return exitStatus;
    }

    public synchronized long endtime() {
        return endtime;
    }

    /** When the request created the task, in epoch milliseconds (PVE's own times are whole seconds). */
    public long createdAtMillis() {
        return createdMillis;
    }

    /** When the task ended, in epoch milliseconds; 0 while it runs. For benchmarks that split the simulator's time off. */
    public synchronized long endedAtMillis() {
        return endedMillis;
    }

    public synchronized List<String> log() {
        return new ArrayList<>(log);
    }

    public synchronized int logSize() {
        return log.size();
    }

    synchronized void append(String line) {
        log.add(line);
    }

    synchronized void warn(String line) {
        warnings++;
        log.add("WARN: " + line);
    }

    synchronized boolean begun() {
        return begun;
    }

    synchronized void markBegun() {
        begun = true;
    }

    synchronized void pending(ScheduledFuture<?> future) {
        this.pending = future;
    }

    synchronized ScheduledFuture<?> pending() {
        return pending;
    }

    /** Ends the task once; returns false when it had already ended. */
    synchronized boolean end(String error) {
        if (stopped) {
            return false;
        }
        stopped = true;
        endedMillis = System.currentTimeMillis();
        endtime = endedMillis / 1000;
        if (error != null) {
            String text = error.endsWith("\n") ? error.substring(0, error.length() - 1) : error;
            exitStatus = text;
            log.add("TASK ERROR: " + text);
        } else if (warnings > 0) {
            exitStatus = "WARNINGS: " + warnings;
            log.add("TASK WARNINGS: " + warnings);
        } else {
            exitStatus = "OK";
            log.add("TASK OK");
        }
        return true;
    }

    /** The list-entry status PVE shows: the exit status, {@code OK} etc. */
    public synchronized boolean failed() {
        return stopped && !"OK".equals(exitStatus) && (exitStatus == null || !exitStatus.startsWith("WARNINGS"));
    }
}
