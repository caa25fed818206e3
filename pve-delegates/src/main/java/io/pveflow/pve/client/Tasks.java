package io.pveflow.pve.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.pveflow.pve.client.http.ApiResponse;
import io.pveflow.pve.client.http.PveTransport;
import io.pveflow.pve.client.model.LogLine;
import io.pveflow.pve.client.model.LogPage;
import io.pveflow.pve.client.model.TaskStatus;
import io.pveflow.pve.client.model.TaskSummary;

/**
 * Proxmox tasks (workers): status, log, a node's task list, stop. Each task is asked on the node in its UPID.
 * A task can be unknown for a moment right after it was created; {@link #status} reports such a task as
 * running instead of failing.
 */
public final class Tasks {

    /** How long after its start a task may be unknown before "no such task" is believed. */
    static final Duration INVISIBLE_GRACE = Duration.ofSeconds(30);

    private final PveTransport t;
    private final Clock clock;

    Tasks(PveTransport transport, Clock clock) {
        this.t = transport;
        this.clock = clock;
    }

    public TaskStatus status(Upid upid) {
        try {
            return t.convert(t.call("GET", "/nodes/{node}/tasks/{upid}/status", at(upid)).data(), TaskStatus.class);
        } catch (PveApiException e) {
            if (isNoSuchTask(e) && isYoung(upid)) {
                return new TaskStatus(upid.value(), upid.node(), upid.pid(), upid.pstart(),
                        upid.startTime().getEpochSecond(), upid.type(), upid.id(), upid.user(), null, "running", null);
            }
            throw e;
        }
    }

    /** Lines {@code start} (0-based) to {@code start + limit - 1} of the task log, and the total. */
    public LogPage log(Upid upid, int start, int limit) {
        ApiResponse r = t.call("GET", "/nodes/{node}/tasks/{upid}/log",
                Calls.params("node", upid.node(), "upid", upid.value(), "start", start, "limit", limit));
        List<LogLine> lines = t.convertList(r.data(), LogLine.class);
        return new LogPage(lines, r.total() == null ? lines.size() : r.total());
    }

    /** A node's tasks: one request covers every task of the node (what a task watcher polls). */
    public List<TaskSummary> list(String node, ListOptions options) {
        return t.convertList(t.call("GET", "/nodes/{node}/tasks", Calls.params(options, "node", node)).data(),
                TaskSummary.class);
    }

    /** Stops a running task. */
    public void stop(Upid upid) {
        t.call("DELETE", "/nodes/{node}/tasks/{upid}", at(upid));
    }

    /**
     * Polls until the task ends, for tests and tools: the product waits with a task watcher instead, without
     * holding a thread. Fails with TIMEOUT when {@code timeout} passes first.
     */
    public TaskStatus waitFor(Upid upid, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        long pause = 50;
        while (true) {
            TaskStatus status = status(upid);
            if (!status.isRunning()) {
                return status;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new PveApiException(PveErrorCode.TIMEOUT, 0, "task " + upid + " still running after " + timeout);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PveApiException(PveErrorCode.TIMEOUT, 0, "interrupted while waiting for " + upid);
            }
            pause = Math.min(pause * 3 / 2, 500);
        }
    }

    private static java.util.Map<String, Object> at(Upid upid) {
        return Calls.params("node", upid.node(), "upid", upid.value());
    }

    private static boolean isNoSuchTask(PveApiException e) {
        return e.status() == 400 && e.getMessage() != null && e.getMessage().toLowerCase().contains("no such task");
    }

    private boolean isYoung(Upid upid) {
        // the UPID's start time is the server's clock: a skewed client clock only widens the window
        Duration age = Duration.between(upid.startTime(), clock.instant());
        return age.compareTo(INVISIBLE_GRACE) < 0;
    }

    /** Filters of a node's task list. */
    public static final class ListOptions extends RequestOptions<ListOptions> {
        public enum Source {
            ACTIVE, ARCHIVE, ALL
        }

        public ListOptions source(Source source) {
            return param("source", source.name().toLowerCase());
        }

        /** Tasks started at or after this time. */
        public ListOptions since(Instant time) {
            return param("since", time.getEpochSecond());
        }

        public ListOptions until(Instant time) {
            return param("until", time.getEpochSecond());
        }

        public ListOptions vmid(int vmid) {
            return param("vmid", vmid);
        }

        /** Worker type, e.g. {@code vzdump} or {@code qmstart}. */
        public ListOptions typeFilter(String type) {
            return param("typefilter", type);
        }

        /** Only failed tasks. */
        public ListOptions errors(boolean onlyErrors) {
            return param("errors", onlyErrors);
        }

        public ListOptions start(int offset) {
            return param("start", offset);
        }

        public ListOptions limit(int count) {
            return param("limit", count);
        }

        public ListOptions userFilter(String user) {
            return param("userfilter", user);
        }
    }
}
