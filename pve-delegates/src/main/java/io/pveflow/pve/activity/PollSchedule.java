package io.pveflow.pve.activity;

import java.time.Duration;
import java.time.Instant;

/**
 * How often the {@link TaskWatcher} looks at a node's tasks: often while its youngest wait is young, less often as
 * it ages. After a look, the node is looked at again once a fixed share of its youngest wait's age (at that look)
 * has passed, never sooner than {@code min} and never later than {@code max}; a wait that arrived after the look
 * brings the next one to {@code min}. A task is so seen to end at most about that share of its running time late
 * (a snapshot that takes 2 s within about 0.4 s, a backup that takes an hour within {@code max}), and a long wait
 * costs no more requests than polling every {@code max} would.
 *
 * @param min   the shortest gap between two looks at one node, and the delay of the first look at a new wait
 * @param max   the longest gap between two looks at a node that has waits
 * @param share of the youngest wait's age that may pass between two looks (0 polls every {@code min})
 */
public record PollSchedule(Duration min, Duration max, double share) {

    /** Looks at a 2 s task about five times; the first look 250 ms after it started. */
    public static final double DEFAULT_SHARE = 0.2;

    public PollSchedule {
        if (min == null || max == null || min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("poll intervals need 0 < min <= max, got min " + min + ", max " + max);
        }
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("poll share must lie between 0 and 1, got " + share);
        }
    }

    /** Always the same interval (min = max): the watcher's behaviour before the schedule adapted. */
    public static PollSchedule fixed(Duration interval) {
        return new PollSchedule(interval, interval, 0);
    }

    /** The gap allowed after a look at {@code look}, for a node whose youngest wait started at {@code youngest}. */
    public Duration interval(Instant youngest, Instant look) {
        Duration age = Duration.between(youngest, look);
        if (age.isNegative()) {
            return min;
        }
        Duration proportional = Duration.ofNanos((long) (age.toNanos() * share));
        return proportional.compareTo(min) < 0 ? min : proportional.compareTo(max) > 0 ? max : proportional;
    }

    /**
     * When a node looked at last at {@code lastLook} (null: never, so at once) is due again, its youngest wait
     * having started at {@code youngest}.
     */
    public Instant nextLook(Instant lastLook, Instant youngest, Instant now) {
        return lastLook == null ? now : lastLook.plus(interval(youngest, lastLook));
    }
}
