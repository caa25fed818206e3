package io.pveflow.pve.activities.guests;

import java.util.List;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activities.CommonFields;
import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.Guests;
import io.pveflow.pve.client.Upid;

/**
 * {@code pvePowerAction}: start, stop, shutdown, reset, suspend, resume or reboot a guest and wait for it. For
 * an HA-managed guest Proxmox answers with an {@code ha*} task that ends at once; the wait then lasts until the
 * guest is in the state the action leads to.
 */
@Component("pvePowerAction")
public class PowerActionActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pvePowerAction", "Power action",
            "Guest operations", "power", "Starts, stops, shuts down, resets, suspends, resumes or reboots a guest.",
            ActivityDescriptor.fields(List.of(
                    CommonFields.VMID, CommonFields.NODE, CommonFields.TYPE,
                    FieldSpec.of("action", "Action", FieldType.ENUM)
                            .oneOf("start", "stop", "shutdown", "reset", "suspend", "resume", "reboot").mandatory(),
                    FieldSpec.of("shutdownTimeout", "Shutdown timeout (s)", FieldType.INTEGER)
                            .help("Seconds Proxmox waits for a clean shutdown or reboot"),
                    FieldSpec.of("forceStop", "Force stop", FieldType.BOOLEAN)
                            .help("Shutdown only: stop the guest when the timeout passes"),
                    ActivityDescriptor.resultVariableField("upid")),
                    ActivityDescriptor.waitFields("PT10M")),
            "upid", "the task's UPID", true);

    public PowerActionActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        GuestRef guest = context.guest();
        String action = context.fields().string("action");
        Guests.PowerOptions options = new Guests.PowerOptions();
        Integer shutdownTimeout = context.fields().integer("shutdownTimeout");
        if (shutdownTimeout != null && ("shutdown".equals(action) || "reboot".equals(action))) {
            options.timeout(shutdownTimeout);
        }
        if ("shutdown".equals(action) && context.fields().bool("forceStop")) {
            options.forceStop(true);
        }
        Guests guests = context.pve().guests();
        Upid upid = switch (action) {
            case "start" -> guests.start(guest, options);
            case "stop" -> guests.stop(guest, options);
            case "shutdown" -> guests.shutdown(guest, options);
            case "reboot" -> guests.reboot(guest, options);
            case "reset" -> guests.reset(guest);
            case "suspend" -> guests.suspend(guest, options);
            case "resume" -> guests.resume(guest, options);
            default -> throw new IllegalStateException(action);
        };
        if (upid.type().startsWith("ha")) {
            String expected = switch (action) {
                case "start", "resume", "reboot" -> "running";
                case "stop", "shutdown" -> "stopped";
                default -> null;
            };
            if (expected != null) {
                return Outcome.haTask(upid, upid.value(), expected, guest.vmid());
            }
        }
        return Outcome.task(upid, upid.value());
    }
}
