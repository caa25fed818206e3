package io.pveflow.sim.state;

/**
 * Deterministic load figures that look like a real machine's: a daily curve (quiet at night, busy in the
 * afternoon) plus noise derived from a seed and the time, so the same moment always gives the same value.
 */
public final class Metrics {

    private Metrics() {
    }

    /** A value in 0..1 for a seed (guest, node or storage) at a point in time. */
    public static double load(long seed, long epochSeconds) {
        double hourOfDay = (epochSeconds % 86_400) / 3600.0;
        double daily = 0.5 + 0.35 * Math.sin((hourOfDay - 9) / 24.0 * 2 * Math.PI);
        double base = 0.15 + 0.7 * unit(seed, 0);
        double noise = (unit(seed, epochSeconds / 60) - 0.5) * 0.25;
        return clamp(base * daily + noise * base, 0.0, 1.0);
    }

    /** A stable pseudo-random number in 0..1 for (seed, slot). */
    public static double unit(long seed, long slot) {
        long x = seed * 0x9E3779B97F4A7C15L + slot * 0xC2B2AE3D27D4EB4FL;
        x ^= (x >>> 33);
        x *= 0xFF51AFD7ED558CCDL;
        x ^= (x >>> 33);
        x *= 0xC4CEB9FE1A85EC53L;
        x ^= (x >>> 33);
        return (x >>> 11) * 0x1.0p-53;
    }

    public static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
