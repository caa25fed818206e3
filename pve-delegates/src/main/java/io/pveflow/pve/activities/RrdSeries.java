package io.pveflow.pve.activities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;
import io.pveflow.pve.client.Consolidation;
import io.pveflow.pve.client.Timeframe;
import io.pveflow.pve.client.model.RrdPoint;

/** The fields and the result shape the three RRD activities (guest, node, storage) share. */
public final class RrdSeries {

    /** Guests and storages keep up to a year; nodes also a decade. */
    public static final FieldSpec TIMEFRAME = timeframe("hour", "day", "week", "month", "year");
    public static final FieldSpec NODE_TIMEFRAME = timeframe("hour", "day", "week", "month", "year", "decade");
    public static final FieldSpec CF = FieldSpec.of("cf", "Consolidation", FieldType.ENUM).oneOf("AVERAGE", "MAX")
            .defaultValue("AVERAGE").help("How values are consolidated over each step");

    public static final String RESULT = "list of {time (epoch seconds), <metric>: number, ...}, oldest first";

    private RrdSeries() {
    }

    private static FieldSpec timeframe(String... values) {
        return FieldSpec.of("timeframe", "Timeframe", FieldType.ENUM).oneOf(values).mandatory().defaultValue("hour")
                .help("The span of the statistics; the step grows with it (1 min for an hour, 1 week for a year)");
    }

    public static Timeframe timeframe(ActivityContext context) {
        return Timeframe.valueOf(context.fields().string("timeframe").toUpperCase(Locale.ROOT));
    }

    public static Consolidation cf(ActivityContext context) {
        String cf = context.fields().string("cf");
        return cf == null ? null : Consolidation.valueOf(cf);
    }

    /** Plain maps (expressions cannot read client records): {@code time} first, then each metric by name. */
    public static List<Map<String, Object>> toMaps(List<RrdPoint> points) {
        List<Map<String, Object>> rows = new ArrayList<>(points.size());
        for (RrdPoint point : points) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("time", point.time());
            row.putAll(point.values());
            rows.add(row);
        }
        return rows;
    }
}
