package io.pveflow.pve.activity;

import java.time.Duration;

import io.pveflow.pve.client.Upid;

/** What an activity's step did: finished with a result, or started a Proxmox task to wait for. */
public sealed interface Outcome {

    static Outcome done(Object result) {
        return new Done(result);
    }

    static Outcome task(Upid upid, Object result) {
        return new Task(upid, result, null, 0);
    }

    /** An HA-managed power action: its {@code ha*} task ends at once; wait for the guest's state too. */
    static Outcome haTask(Upid upid, Object result, String guestState, int vmid) {
        return new Task(upid, result, guestState, vmid);
    }

    /** Finished; {@code result} goes to the result variable (null: none). */
    record Done(Object result) implements Outcome {
    }

    /** A task was started; {@code result} goes to the result variable once it ends well. */
    record Task(Upid upid, Object result, String guestState, int vmid) implements Outcome {
    }

    /** The default deadline when the field is empty. */
    static Duration defaultTimeout() {
        return Duration.ofMinutes(10);
    }
}
