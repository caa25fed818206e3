package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.pve.client.testing.RequestRecorder;
import io.pveflow.pve.client.testing.RequestRecorder.Recorded;
import io.pveflow.pve.client.testing.SchemaIndex;
import io.pveflow.pve.client.testing.SharedReference;
import io.pveflow.pve.client.validation.ApiRules;
import io.pveflow.pve.client.validation.EndpointRules;

/**
 * Runs after every other test class (see junit-platform.properties) and checks every request the client put on
 * the wire during the suite against Proxmox's real schema: the path and method exist, every parameter exists
 * with a value of its type (booleans 0/1, integers, enumerations, patterns), required ones are present. It also
 * checks that the suite called every method the client covers.
 */
@Order(Integer.MAX_VALUE)
class RecordedRequestsMatchSchemaTest {

    @Test
    void everyRequestOfTheSuiteMatchesTheSchemaAndEveryCoveredMethodWasCalled() throws IOException {
        SchemaIndex schema = new SchemaIndex(SharedReference.schema());
        List<Recorded> recorded = RequestRecorder.all();
        if (recorded.isEmpty()) {
            System.err.println("WARNING: no recorded requests; run the whole suite to check them against the schema");
        }
        assumeTrue(!recorded.isEmpty(), "no requests recorded (run with the other tests)");

        List<String> problems = new ArrayList<>();
        Map<String, Integer> calls = new TreeMap<>();
        for (Recorded r : recorded) {
            String template = schema.template(r.path());
            JsonNode info = template == null ? null : schema.method(r.method(), template);
            if (info == null) {
                problems.add(r.test() + ": " + r.method() + " " + r.path() + " is not in the schema");
                continue;
            }
            calls.merge(r.method() + " " + template, 1, Integer::sum);
            check(r, template, info.path("parameters").path("properties"), problems);
        }

        Set<String> uncalled = new TreeSet<>();
        for (EndpointRules e : ApiRules.all()) {
            if (!calls.containsKey(e.key())) {
                uncalled.add(e.key());
            }
        }
        StringBuilder report = new StringBuilder("method\tpath\trequests\n");
        calls.forEach((k, v) -> report.append(k.replace(' ', '\t')).append('\t').append(v).append('\n'));
        Path out = Path.of("target", "client-requests.tsv");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.printf("checked %d requests to %d methods against the schema (target/client-requests.tsv)%n",
                recorded.size(), calls.size());

        assertThat(problems).isEmpty();
        assertThat(uncalled).as("methods the client covers but no test called").isEmpty();
    }

    private static void check(Recorded r, String template, JsonNode properties, List<String> problems) {
        String where = r.test() + ": " + r.method() + " " + template;
        Set<String> inPath = new TreeSet<>();
        for (String segment : template.split("/")) {
            if (segment.startsWith("{")) {
                inPath.add(segment.substring(1, segment.length() - 1));
            }
        }
        for (Map.Entry<String, List<String>> p : r.params().entrySet()) {
            JsonNode rule = properties.get(p.getKey());
            if (rule == null || inPath.contains(p.getKey())) {
                problems.add(where + ": parameter '" + p.getKey() + "' is not in the schema");
                continue;
            }
            for (String value : p.getValue()) {
                String problem = typeProblem(rule, value);
                if (problem != null) {
                    problems.add(where + ": parameter '" + p.getKey() + "' = '" + value + "': " + problem);
                }
            }
        }
        properties.fields().forEachRemaining(e -> {
            boolean required = e.getValue().path("optional").asInt(0) == 0;
            if (required && !inPath.contains(e.getKey()) && !r.params().containsKey(e.getKey())) {
                problems.add(where + ": required parameter '" + e.getKey() + "' missing");
            }
        });
    }

    private static String typeProblem(JsonNode rule, String value) {
        String type = rule.path("type").asText("string");
        switch (type) {
            case "boolean":
                return value.matches("[01]") ? null : "a form boolean must be 0 or 1";
            case "integer":
                return value.matches("-?\\d+") ? null : "not an integer";
            case "number":
                return value.matches("-?\\d+(\\.\\d+)?") ? null : "not a number";
            default:
                break;
        }
        if (rule.has("enum")) {
            boolean found = false;
            for (JsonNode v : rule.get("enum")) {
                found |= v.asText().equals(value);
            }
            if (!found) {
                return "not in " + rule.get("enum");
            }
        }
        if (rule.has("pattern") && !value.matches(rule.get("pattern").asText())) {
            return "does not match " + rule.get("pattern").asText();
        }
        return null;
    }
}
