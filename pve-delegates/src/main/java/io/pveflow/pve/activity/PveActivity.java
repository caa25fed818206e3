package io.pveflow.pve.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.impl.bpmn.behavior.AbstractBpmnActivityBehavior;
import org.flowable.engine.impl.bpmn.behavior.MultiInstanceActivityBehavior;
import org.flowable.engine.impl.delegate.TriggerableActivityBehavior;

import io.pveflow.pve.client.PveApiException;
import io.pveflow.pve.client.PveErrorCode;
import io.pveflow.pve.client.PveErrors;

/**
 * The base of every Proxmox activity, used as {@code flowable:delegateExpression="${bean}"}. A subclass
 * describes itself (the descriptor it hands to this constructor) and does one step ({@link #run}); this class
 * reads fields per execution, maps client errors to BPMN errors, stores results, and for activities that start a
 * Proxmox task parks the execution: the wait is recorded in the same transaction, no thread or connection is
 * held, and the {@link TaskWatcher} wakes it when the task ends. Waiting needs
 * {@code flowable:triggerable="true"} on the service task (the modeler sets it; the deploy check insists).
 */
public abstract class PveActivity implements TriggerableActivityBehavior {

    static final String PENDING_RESULT = "pveTaskPendingResult";

    private final ActivityDescriptor descriptor;
    private final PveClientRegistry clients;
    private final TaskWaits waits;

    protected PveActivity(ActivityDescriptor descriptor, PveClientRegistry clients, TaskWaits waits) {
        this.descriptor = descriptor;
        this.clients = clients;
        this.waits = waits;
    }

    /** What this activity is; the same object every time. */
    public final ActivityDescriptor descriptor() {
        return descriptor;
    }

    /** Does the step. Throw {@link ActivityFailure} for a BPMN error; client exceptions are mapped here. */
    protected abstract Outcome run(ActivityContext context);

    /** False for activities that never call Proxmox (notify, filter): they run without a cluster client. */
    protected boolean needsCluster() {
        return true;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ActivityDescriptor descriptor = descriptor();
        FieldReader fields = new FieldReader(execution, descriptor);
        Outcome outcome;
        try {
            outcome = run(new ActivityContext(execution, fields,
                    needsCluster() ? clients.client(execution.getTenantId()) : null));
        } catch (PveApiException e) {
            throw map(e);
        }
        String resultVariable = descriptor.field("resultVariable") == null ? null : fields.string("resultVariable");
        if (outcome instanceof Outcome.Done done) {
            store(execution, resultVariable, done.result());
            leave(execution);
            return;
        }
        Outcome.Task task = (Outcome.Task) outcome;
        boolean wait = descriptor.field("wait") == null || fields.bool("wait");
        if (!wait) {
            store(execution, resultVariable, task.result());
            leave(execution);
            return;
        }
        if (!(execution.getCurrentFlowElement() instanceof ServiceTask serviceTask) || !serviceTask.isTriggerable()) {
            throw new FlowableException("Activity '" + execution.getCurrentActivityId() + "' (" + descriptor.id()
                    + ") waits for a Proxmox task and needs flowable:triggerable=\"true\"");
        }
        Duration timeout = descriptor.field("timeout") == null ? null : fields.duration("timeout");
        Instant now = Instant.now();
        // The result waits with the wait (no engine variable to write now and delete later); the watcher hands it
        // back with the task's outcome.
        waits.park(new WaitingTask(execution.getId(), execution.getTenantId(), task.node(),
                task.upid() == null ? null : task.upid().value(), now,
                now.plus(timeout == null ? Outcome.defaultTimeout() : timeout), task.condition(), task.vmid(),
                resultVariable, task.result()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void trigger(DelegateExecution execution, String signalName, Object signalData) {
        Object raw = execution.getVariableLocal(TaskOutcome.VARIABLE);
        if (!(raw instanceof Map<?, ?> map)) {
            throw new FlowableException("Activity '" + execution.getCurrentActivityId()
                    + "' was woken without a task outcome; only PVEFlow's task watcher wakes PVE activities");
        }
        TaskOutcome outcome = TaskOutcome.fromMap((Map<String, Object>) map);
        Map<String, Object> pending = (Map<String, Object>) execution.getVariableLocal(PENDING_RESULT);
        if (execution.getTransientVariableLocal(TaskOutcome.VARIABLE) == null) {
            // Handed over as stored variables (a trigger job of its own): they have done their work.
            execution.removeVariableLocal(TaskOutcome.VARIABLE);
            execution.removeVariableLocal(PENDING_RESULT);
        } else if (pending != null && execution.getTransientVariableLocal(PENDING_RESULT) == null) {
            // Parked by the version before results were kept with the wait: its stored result, used once.
            execution.removeVariableLocal(PENDING_RESULT);
        }
        String resultVariable = pending == null ? null : (String) pending.get("variable");
        if (resultVariable != null) {
            execution.setVariable(resultVariable + "Task", outcome.toMap());
        }
        if (outcome.timedOut()) {
            throw new ActivityFailure("PVE_TIMEOUT", (outcome.upid() == null ? "Proxmox" : "Proxmox task " + outcome.upid())
                    + " did not finish before the activity's timeout");
        }
        if (!PveErrors.isSuccess(outcome.exitStatus())) {
            PveErrorCode code = PveErrors.classifyExitStatus(outcome.exitStatus());
            throw new ActivityFailure("PVE_TASK_FAILED", "Proxmox task " + outcome.upid() + " failed ("
                    + code + "): " + outcome.exitStatus());
        }
        if (resultVariable != null) {
            execution.setVariable(resultVariable, pending.get("value"));
        }
        // Flowable leaves the activity after a successful trigger.
    }

    /** What {@link #trigger} stores once the task ended well: the wait's result variable and value. */
    static Map<String, Object> pending(String variable, Object value) {
        Map<String, Object> pending = new LinkedHashMap<>();
        pending.put("variable", variable);
        pending.put("value", value);
        return pending;
    }

    private static void store(DelegateExecution execution, String variable, Object value) {
        if (variable != null && !variable.isBlank()) {
            execution.setVariable(variable, value);
        }
    }

    /** Leaves the activity the way Flowable's own behaviour does, multi-instance included. */
    private static void leave(DelegateExecution execution) {
        Object behavior = ((FlowNode) execution.getCurrentFlowElement()).getBehavior();
        if (behavior instanceof MultiInstanceActivityBehavior multiInstance) {
            behavior = multiInstance.getInnerActivityBehavior();
        }
        ((AbstractBpmnActivityBehavior) behavior).leave(execution);
    }

    /** Transient faults fail the job (Flowable retries it); everything else is a catchable BPMN error. */
    static RuntimeException map(PveApiException e) {
        return switch (e.code()) {
            case CONNECTION, TIMEOUT, SERVER -> new FlowableException("Proxmox VE request failed (" + e.code()
                    + ", will be retried): " + e.getMessage(), e);
            default -> new ActivityFailure("PVE_" + e.code().name(), e.getMessage());
        };
    }
}
