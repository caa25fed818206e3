package io.pveflow.pve.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.pve.client.http.ApiResponse;
import io.pveflow.pve.client.http.PveTransport;
import io.pveflow.pve.client.model.RrdPoint;

/** RRD answers are arrays of flat objects whose keys depend on the source; numbers may come as strings. */
final class Rrd {

    private Rrd() {
    }

    static List<RrdPoint> points(PveTransport t, ApiResponse response) {
        List<RrdPoint> points = new ArrayList<>();
        if (response.isNull()) {
            return points;
        }
        for (JsonNode row : response.data()) {
            Map<String, Double> values = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getKey().equals("time") && (f.getValue().isNumber() || isNumeric(f.getValue()))) {
                    values.put(f.getKey(), f.getValue().asDouble());
                }
            }
            points.add(new RrdPoint(row.path("time").asLong(), values));
        }
        return points;
    }

    private static boolean isNumeric(JsonNode node) {
        return node.isTextual() && node.asText().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    }
}
