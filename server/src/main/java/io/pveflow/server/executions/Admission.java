package io.pveflow.server.executions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may start now. Decided under the cluster's gate lock from the runs that hold slots (active) and the runs
 * waiting for one (queued, oldest first). First in, first out: a start never overtakes a queued run it competes
 * with, and a queued system-wide run holds back everything queued after it.
 */
final class Admission {

    /** What a run asks for: a slot of {@code group} (null: none) among {@code limit}, or the whole cluster. */
    record Slot(String group, int limit, boolean exclusive) {
        static Slot of(ExecutionRow row) {
            return new Slot(row.concurrencyGroup(), row.concurrencyLimit() == null ? 0 : row.concurrencyLimit(), row.exclusive());
        }
    }

    private Admission() {
    }

    /** The active run that keeps {@code candidate} from starting, or null when a slot is free. */
    static ExecutionRow blockedBy(Slot candidate, List<ExecutionRow> active) {
        if (active.isEmpty()) {
            return null;
        }
        if (candidate.exclusive()) {
            return active.get(0);
        }
        for (ExecutionRow run : active) {
            if (run.exclusive()) {
                return run;
            }
        }
        if (candidate.group() == null) {
            return null;
        }
        List<ExecutionRow> holders = active.stream().filter(run -> candidate.group().equals(run.concurrencyGroup())).toList();
        return holders.size() >= candidate.limit() ? holders.get(0) : null;
    }

    /** The queued run a new start must wait behind, or null. */
    static ExecutionRow queuedAhead(Slot candidate, List<ExecutionRow> queued) {
        for (ExecutionRow run : queued) {
            if (candidate.exclusive() || run.exclusive()
                    || (candidate.group() != null && candidate.group().equals(run.concurrencyGroup()))) {
                return run;
            }
        }
        return null;
    }

    /** The queued runs that may start now, in order, given what is active. */
    static List<ExecutionRow> handOver(List<ExecutionRow> active, List<ExecutionRow> queued) {
        List<ExecutionRow> holding = new ArrayList<>(active);
        List<ExecutionRow> admitted = new ArrayList<>();
        Set<String> stillWaiting = new HashSet<>();
        for (ExecutionRow run : queued) {
            Slot slot = Slot.of(run);
            if (slot.group() != null && stillWaiting.contains(slot.group())) {
                continue; // an older run of the same group waits: keep the order
            }
            if (blockedBy(slot, holding) != null) {
                if (slot.exclusive()) {
                    break; // nothing queued after a waiting system-wide run may overtake it
                }
                if (slot.group() != null) {
                    stillWaiting.add(slot.group());
                }
                continue;
            }
            admitted.add(run);
            holding.add(run);
        }
        return admitted;
    }
}
