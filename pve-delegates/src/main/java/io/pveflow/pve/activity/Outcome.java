package io.pveflow.pve.activity;

import java.time.Duration;
import java.time.Instant;

import io.pveflow.pve.client.Upid;

/** What an activity's step did: finished with a result, or started something on Proxmox to wait for. */
public sealed interface Outcome {

    static Outcome done(Object result) {
        return new Done(result);
    }

    static Outcome task(Upid upid, Object result) {
        return new Task(upid.node(), upid, result, null, 0);
    }

    /** An HA-managed power action: its {@code ha*} task ends at once; wait for the guest's state too. */
    static Outcome haTask(Upid upid, Object result, String guestState, int vmid) {
        return new Task(upid.node(), upid, result, "guest-state:" + guestState, vmid);
    }

    /** An HA-managed migration: its {@code hamigrate} task ends at once; wait until the guest is on the target. */
    static Outcome haMigration(Upid upid, Object result, String targetNode, int vmid) {
        return new Task(upid.node(), upid, result, "guest-on:" + targetNode, vmid);
    }

    /** A node reboot (no task): wait until the node booted after {@code requestedAt} and is online. */
    static Outcome nodeBack(String node, Instant requestedAt, Object result) {
        return new Task(node, null, result, "node-back:" + requestedAt.getEpochSecond(), 0);
    }

    /** Finished; {@code result} goes to the result variable (null: none). */
    record Done(Object result) implements Outcome {
    }

    /** Something to wait for; {@code result} goes to the result variable once it ended well. */
    record Task(String node, Upid upid, Object result, String condition, int vmid) implements Outcome {
    }

    /** The default deadline when the field is empty. */
    static Duration defaultTimeout() {
        return Duration.ofMinutes(10);
    }
}
