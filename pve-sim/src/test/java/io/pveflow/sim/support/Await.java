package io.pveflow.sim.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a generous upper bound; never asserts on elapsed time. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Supplier<Boolean> condition) {
        until(what, Duration.ofSeconds(20), condition);
    }

    public static void until(String what, Duration max, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        throw new AssertionError("gave up waiting for " + what + " after " + max);
    }
}
