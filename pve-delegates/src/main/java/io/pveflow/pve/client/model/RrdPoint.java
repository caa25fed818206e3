package io.pveflow.pve.client.model;

import java.util.Map;

/** One point of an RRD series: its time (epoch seconds) and the measured values (cpu, mem, netin, ...). */
public record RrdPoint(long time, Map<String, Double> values) {

    public Double value(String name) {
        return values.get(name);
    }
}
