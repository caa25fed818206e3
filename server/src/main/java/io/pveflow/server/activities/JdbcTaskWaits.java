package io.pveflow.server.activities;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pveflow.pve.activity.TaskOutcome;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.activity.WaitingTask;
import io.pveflow.server.engine.AfterCommit;

/**
 * Parked executions in {@code pve_task_wait}, and the tasks they waited for, as they ended, in {@code pve_task_run}.
 * Runs on the engine's Spring-managed connection, so a park commits with the execution's wait state and a claim
 * (with its task's record) with its trigger.
 */
@Component
class JdbcTaskWaits implements TaskWaits {

    private static final int EXIT_STATUS_LENGTH = 2000;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final List<Runnable> parkListeners = new CopyOnWriteArrayList<>();

    JdbcTaskWaits(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void afterPark(Runnable listener) {
        parkListeners.add(listener);
    }

    @Override
    public void park(WaitingTask task) {
        String result;
        try {
            result = task.result() == null ? null : json.writeValueAsString(task.result());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The result of the step waiting in " + task.executionId()
                    + " cannot be kept: " + e.getOriginalMessage(), e);
        }
        jdbc.sql("INSERT INTO pve_task_wait (execution_id, cluster_id, node, upid, started_at, deadline, wait_condition, vmid, "
                        + "result_variable, result_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(task.executionId(), task.clusterId(), task.node(), task.upid(), Timestamp.from(task.startedAt()),
                        Timestamp.from(task.deadline()), task.condition(), task.vmid(), task.resultVariable(), result)
                .update();
        for (Runnable listener : parkListeners) {
            AfterCommit.run("tell the task watcher about a new wait", listener);
        }
    }

    @Override
    public List<WaitingTask> all(int limit) {
        return jdbc.sql("SELECT execution_id, cluster_id, node, upid, started_at, deadline, wait_condition, vmid, "
                        + "result_variable, result_json FROM pve_task_wait ORDER BY started_at FETCH FIRST "
                        + Math.max(1, limit) + " ROWS ONLY")
                .query((rs, n) -> new WaitingTask(rs.getString("execution_id"), rs.getString("cluster_id"),
                        rs.getString("node"), rs.getString("upid"), rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("deadline").toInstant(), rs.getString("wait_condition"), rs.getInt("vmid"),
                        rs.getString("result_variable"), result(rs.getString("result_json"))))
                .list();
    }

    private Object result(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored step result is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void ended(WaitingTask wait, String runId, String activityId, TaskOutcome outcome) {
        String exitStatus = outcome.exitStatus();
        if (exitStatus != null && exitStatus.length() > EXIT_STATUS_LENGTH) {
            exitStatus = exitStatus.substring(0, EXIT_STATUS_LENGTH - 1) + "\u2026";
        }
        jdbc.sql("INSERT INTO pve_task_run (id, run_id, execution_id, activity_id, cluster_id, node, upid, started_at, ended_at, "
                        + "exit_status, timed_out, log_tail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID().toString(), runId, wait.executionId(), activityId, wait.clusterId(), wait.node(),
                        wait.upid(), Timestamp.from(wait.startedAt()), Timestamp.from(Instant.now()), exitStatus,
                        outcome.timedOut(), outcome.log() == null ? null : String.join("\n", outcome.log()))
                .update();
    }

    @Override
    public boolean claim(String executionId) {
        return jdbc.sql("DELETE FROM pve_task_wait WHERE execution_id = ?").param(executionId).update() == 1;
    }
}
