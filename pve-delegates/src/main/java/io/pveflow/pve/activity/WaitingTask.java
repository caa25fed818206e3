package io.pveflow.pve.activity;

import java.time.Instant;

/**
 * An execution parked on Proxmox: recorded in the same transaction that parks it, removed by the one that wakes
 * it.
 *
 * @param executionId the waiting execution
 * @param clusterId   the cluster (tenant)
 * @param node        the node the wait is about (the UPID's node, or the rebooting node)
 * @param upid        the task to wait for, or null when only {@code condition} matters
 * @param startedAt   when the activity started the task
 * @param deadline    when waiting gives up with {@code PVE_TIMEOUT}
 * @param condition   what must also hold once the task ended (null: nothing): {@code guest-state:<state>} (an
 *                    HA-managed guest reached the state its ha* task asked for), {@code guest-on:<node>} (an HA
 *                    migration arrived), {@code node-back:<epoch seconds>} (a node rebooted after that time and is
 *                    online again)
 * @param vmid           the guest of a guest condition, else 0
 * @param resultVariable where the step puts its result once the task ended successfully (null: nowhere)
 * @param result         that result, known when the task started; kept as JSON, so it comes back as JSON data (maps,
 *                       lists, strings, booleans, and numbers as Integer, Long or Double by size)
 */
public record WaitingTask(String executionId, String clusterId, String node, String upid, Instant startedAt,
                          Instant deadline, String condition, int vmid, String resultVariable, Object result) {
}
