package io.pveflow.pve.activities.utilities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.ActivityFailure;
import io.pveflow.pve.activity.FieldReader;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskOutcome;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.PveClient;
import io.pveflow.pve.client.PveErrors;
import io.pveflow.pve.client.Upid;
import io.pveflow.pve.client.model.LogLine;
import io.pveflow.pve.client.model.TaskStatus;

/**
 * {@code pveWaitForTask}: waits for any Proxmox task given by its UPID (one an earlier step started with
 * {@code wait=false}, or one found in a task list). The wait is the task watcher's, like every other activity's:
 * no thread is held. A task that has already ended is not parked at all. A failed task is {@code PVE_TASK_FAILED},
 * a task still running at the deadline {@code PVE_TIMEOUT}; either way {@code <resultVariable>Task} holds what
 * the framework knows ({@code upid, exitstatus, timedOut, log}).
 */
@Component("pveWaitForTask")
public class WaitForTaskActivity extends PveActivity {

    private static final int LOG_TAIL = 50; // as many lines as the task watcher keeps

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveWaitForTask", "Wait for task",
            "Utilities", "hourglass", "Waits until a Proxmox task, given by its UPID, has ended.",
            List.of(
                    FieldSpec.of("upid", "Task (UPID)", FieldType.STRING).mandatory().pattern("UPID:.+:")
                            .help("The task's id, e.g. ${upid} from a step that ran with wait=false"),
                    FieldSpec.of("timeout", "Timeout", FieldType.DURATION).defaultValue("PT30M")
                            .help("How long to wait before failing with PVE_TIMEOUT (ISO-8601, e.g. PT10M)"),
                    ActivityDescriptor.resultVariableField("task")),
            "task", "map {upid, status ('stopped'), exitstatus ('OK' or 'WARNINGS: N'), log (last 50 lines)}", true);

    public WaitForTaskActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        Upid upid;
        try {
            upid = Upid.parse(context.fields().string("upid").trim());
        } catch (IllegalArgumentException e) {
            throw ActivityFailure.invalidInput("upid", e.getMessage());
        }
        TaskStatus status = context.pve().tasks().status(upid);
        if (status.isRunning()) {
            return Outcome.task(upid, upid.value()); // replaced by the task's map in trigger()
        }
        // Already ended: answer now, the same way a woken wait would.
        TaskOutcome outcome = new TaskOutcome(upid.value(), status.exitstatus(), false, logTail(context.pve(), upid));
        String variable = context.fields().string("resultVariable");
        if (variable != null) {
            context.execution().setVariable(variable + "Task", outcome.toMap());
        }
        if (!PveErrors.isSuccess(status.exitstatus())) {
            throw new ActivityFailure("PVE_TASK_FAILED", "Proxmox task " + upid + " failed ("
                    + PveErrors.classifyExitStatus(status.exitstatus()) + "): " + status.exitstatus());
        }
        return Outcome.done(result(outcome.toMap()));
    }

    /**
     * The framework stores the task's outcome in {@code <resultVariable>Task} and the value {@link #run} returned
     * (only the UPID: the task had not ended then) in the result variable; for this activity the outcome is the
     * result, so it replaces that value once the framework has accepted the task as successful.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void trigger(DelegateExecution execution, String signalName, Object signalData) {
        super.trigger(execution, signalName, signalData); // throws PVE_TASK_FAILED / PVE_TIMEOUT
        String variable = new FieldReader(execution, DESCRIPTOR).string("resultVariable");
        if (variable != null && execution.getVariable(variable + "Task") instanceof Map<?, ?> outcome) {
            execution.setVariable(variable, result((Map<String, Object>) outcome));
        }
    }

    private static Map<String, Object> result(Map<String, Object> outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("upid", outcome.get("upid"));
        result.put("status", "stopped"); // Proxmox's word for an ended task, whatever its exit status
        result.put("exitstatus", outcome.get("exitstatus"));
        result.put("log", outcome.get("log"));
        return result;
    }

    private static List<String> logTail(PveClient pve, Upid upid) {
        List<String> lines = new ArrayList<>();
        for (LogLine line : pve.tasks().log(upid, 0, 5000).lines()) {
            lines.add(line.t());
        }
        return lines.size() > LOG_TAIL ? new ArrayList<>(lines.subList(lines.size() - LOG_TAIL, lines.size())) : lines;
    }
}
