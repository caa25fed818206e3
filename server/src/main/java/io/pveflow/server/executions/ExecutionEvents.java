package io.pveflow.server.executions;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.client.Upid;
import io.pveflow.pve.client.model.LogLine;
import io.pveflow.pve.client.model.LogPage;

/**
 * Live view of runs as server-sent events. One thread looks at every watched run once a second: when a run's
 * state changed it sends {@code step} (the run with its steps), for each Proxmox task a step waits on it sends the
 * new log lines ({@code log}) and the last percentage Proxmox printed ({@code progress}, e.g. backup and
 * migration), and when the run has ended it sends {@code end} and closes the stream.
 */
@Component
class ExecutionEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExecutionEvents.class);
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)\\s?%");
    private static final Set<String> ENDED = Set.of("completed", "cancelled", "failed");
    private static final int LOG_PAGE = 200;

    private final ExecutionQueries queries;
    private final ExecutionDetails details;
    private final PveClientRegistry clients;
    private final int maxSubscribers;
    private final Map<SseEmitter, Watch> watches = new ConcurrentHashMap<>();
    private final PeriodicWorker worker = new PeriodicWorker("pveflow-live-view", Duration.ofSeconds(1), this::lookAtAll);

    ExecutionEvents(ExecutionQueries queries, ExecutionDetails details, PveClientRegistry clients,
                    @Value("${pveflow.executions.max-live-views:200}") int maxSubscribers) {
        this.queries = queries;
        this.details = details;
        this.clients = clients;
        this.maxSubscribers = maxSubscribers;
    }

    /** What one stream has already sent. */
    private static final class Watch {
        final String runId;
        String lastState;
        final Map<String, Integer> logLines = new HashMap<>();

        Watch(String runId) {
            this.runId = runId;
        }
    }

    SseEmitter subscribe(ExecutionSummary run) {
        if (watches.size() >= maxSubscribers) {
            throw new io.pveflow.server.web.ConflictException("Too many live views are open (" + maxSubscribers
                    + "); close some or raise pveflow.executions.max-live-views");
        }
        SseEmitter emitter = new SseEmitter(30L * 60 * 1000);
        emitter.onCompletion(() -> watches.remove(emitter));
        emitter.onTimeout(() -> watches.remove(emitter));
        emitter.onError(error -> watches.remove(emitter));
        watches.put(emitter, new Watch(run.id()));
        worker.submit(() -> look(emitter));
        return emitter;
    }

    private void lookAtAll() {
        for (SseEmitter emitter : List.copyOf(watches.keySet())) {
            look(emitter);
        }
    }

    private void look(SseEmitter emitter) {
        Watch watch = watches.get(emitter);
        if (watch == null) {
            return;
        }
        try {
            synchronized (watch) {
                ExecutionSummary run = queries.find(watch.runId).orElse(null);
                if (run == null) {
                    emitter.send(SseEmitter.event().name("end").data(Map.of("id", watch.runId, "status", "deleted")));
                    finish(emitter);
                    return;
                }
                ExecutionDetail detail = details.of(run);
                String state = run.status() + "|" + detail.steps().stream()
                        .map(step -> step.id() + ":" + step.status()).toList() + "|" + detail.incidents().size();
                if (!state.equals(watch.lastState)) {
                    watch.lastState = state;
                    emitter.send(SseEmitter.event().name("step").data(detail, MediaType.APPLICATION_JSON));
                }
                for (ExecutionDetail.Step step : detail.steps()) {
                    if (step.pveTask() != null && step.pveTask().exitStatus() == null && step.pveTask().upid() != null) {
                        sendLog(emitter, watch, run.clusterId(), step);
                    }
                }
                if (ENDED.contains(run.status()) && run.endedAt() != null) {
                    emitter.send(SseEmitter.event().name("end").data(Map.of("id", run.id(), "status", run.status())));
                    finish(emitter);
                }
            }
        } catch (IOException | IllegalStateException e) {
            watches.remove(emitter); // the browser went away
        } catch (RuntimeException e) {
            log.debug("Live view of {} failed this round: {}", watch.runId, e.toString());
        }
    }

    private void sendLog(SseEmitter emitter, Watch watch, String clusterId, ExecutionDetail.Step step) throws IOException {
        String upid = step.pveTask().upid();
        int from = watch.logLines.getOrDefault(upid, 0);
        LogPage page;
        try {
            page = clients.client(clusterId).tasks().log(Upid.parse(upid), from, LOG_PAGE);
        } catch (RuntimeException e) {
            return; // Proxmox unreachable for a moment: the log catches up next round
        }
        if (page.lines().isEmpty()) {
            return;
        }
        List<String> lines = page.lines().stream().map(LogLine::t).toList();
        watch.logLines.put(upid, from + lines.size());
        emitter.send(SseEmitter.event().name("log").data(Map.of("stepId", step.id(), "activityId", step.activityId(),
                "upid", upid, "from", from, "lines", lines), MediaType.APPLICATION_JSON));
        Double progress = lastPercentage(lines);
        if (progress != null) {
            emitter.send(SseEmitter.event().name("progress").data(Map.of("stepId", step.id(), "activityId", step.activityId(),
                    "upid", upid, "percent", progress), MediaType.APPLICATION_JSON));
        }
    }

    /** The last percentage in the lines, as vzdump ("INFO:  45% (1.2 GiB of 2.6 GiB)") and migrations print it. */
    static Double lastPercentage(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher matcher = PERCENT.matcher(lines.get(i));
            Double last = null;
            while (matcher.find()) {
                double value = Double.parseDouble(matcher.group(1));
                if (value <= 100) {
                    last = value;
                }
            }
            if (last != null) {
                return last;
            }
        }
        return null;
    }

    private void finish(SseEmitter emitter) {
        watches.remove(emitter);
        emitter.complete();
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop(Duration.ZERO);
        watches.keySet().forEach(SseEmitter::complete);
        watches.clear();
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }
}
