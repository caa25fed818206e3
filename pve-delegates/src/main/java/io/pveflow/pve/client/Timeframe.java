package io.pveflow.pve.client;

/** The span of RRD statistics. {@code DECADE} exists for nodes only. */
public enum Timeframe {
    HOUR, DAY, WEEK, MONTH, YEAR, DECADE;

    public String value() {
        return name().toLowerCase();
    }
}
