package io.pveflow.pve.activity;

import java.time.Instant;

/**
 * An execution parked on a Proxmox task: recorded in the same transaction that parks it, removed by the one
 * that wakes it.
 *
 * @param executionId the waiting execution
 * @param clusterId   the cluster (tenant) the task runs on
 * @param node        the node whose task list reports the task (the UPID's node)
 * @param upid        the task
 * @param startedAt   when the activity started the task
 * @param deadline    when waiting gives up with {@code PVE_TIMEOUT}
 * @param guestState  for HA-managed guests: the state the guest must reach ("running"/"stopped"), else null
 * @param vmid        the guest for {@code guestState}, else 0
 */
public record WaitingTask(String executionId, String clusterId, String node, String upid, Instant startedAt,
                          Instant deadline, String guestState, int vmid) {
}
