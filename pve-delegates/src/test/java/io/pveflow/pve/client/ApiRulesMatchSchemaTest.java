package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.pve.client.testing.SchemaIndex;
import io.pveflow.pve.client.testing.SharedReference;
import io.pveflow.pve.client.validation.ApiRules;
import io.pveflow.pve.client.validation.EndpointRules;
import io.pveflow.pve.client.validation.ParamRule;

/**
 * The client's hand-written parameter rules say exactly what Proxmox VE 9.1's schema says: same parameters,
 * types, optionality, enumerations, ranges, patterns and formats. And every method of the activity map has
 * rules (so the client can call it).
 */
class ApiRulesMatchSchemaTest {

    @Test
    void everyRuleMatchesTheRealSchema() {
        SchemaIndex schema = new SchemaIndex(SharedReference.schema());
        List<String> problems = new ArrayList<>();
        for (EndpointRules endpoint : ApiRules.all()) {
            JsonNode params = schema.parameters(endpoint.method(), endpoint.path());
            if (params == null) {
                problems.add(endpoint.key() + ": not in the schema");
                continue;
            }
            Set<String> expected = new TreeSet<>();
            params.fieldNames().forEachRemaining(expected::add);
            Set<String> ours = new TreeSet<>();
            endpoint.parameters().forEach(p -> ours.add(p.name()));
            if (!expected.equals(ours)) {
                problems.add(endpoint.key() + ": parameters " + ours + " but the schema has " + expected);
            }
            for (ParamRule rule : endpoint.parameters()) {
                JsonNode p = params.get(rule.name());
                if (p != null) {
                    compare(endpoint.key() + " " + rule.name(), rule, p, problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void compare(String where, ParamRule rule, JsonNode p, List<String> problems) {
        String type = p.path("type").asText("string");
        if (!type.equals(rule.type().schemaName())) {
            problems.add(where + ": type " + rule.type().schemaName() + " but the schema says " + type);
        }
        boolean optional = p.path("optional").asInt(0) == 1;
        if (optional == rule.required()) {
            problems.add(where + ": required=" + rule.required() + " but the schema says optional=" + optional);
        }
        List<String> enumValues = new ArrayList<>();
        p.path("enum").forEach(v -> enumValues.add(v.asText()));
        if (!enumValues.equals(rule.enumValues() == null ? List.of() : rule.enumValues())) {
            problems.add(where + ": enum " + rule.enumValues() + " but the schema says " + enumValues);
        }
        Long min = p.has("minimum") ? p.get("minimum").asLong() : null;
        Long max = p.has("maximum") ? p.get("maximum").asLong() : null;
        if (!java.util.Objects.equals(min, rule.minimum()) || !java.util.Objects.equals(max, rule.maximum())) {
            problems.add(where + ": range " + rule.minimum() + ".." + rule.maximum() + " but the schema says " + min
                    + ".." + max);
        }
        // The schema's patterns are Perl: (?^:X) is a plain group in Java, \\@ a literal '@'.
        String pattern = p.has("pattern") ? p.get("pattern").asText().replace("(?^:", "(?:").replace("\\@", "@") : null;
        if (!java.util.Objects.equals(pattern, rule.pattern())) {
            problems.add(where + ": pattern " + rule.pattern() + " but the schema says " + pattern);
        }
        String format = p.path("format").isTextual() ? p.get("format").asText() : null;
        if (!java.util.Objects.equals(format, rule.format())) {
            problems.add(where + ": format " + rule.format() + " but the schema says " + format);
        }
        Integer maxLength = p.has("maxLength") ? p.get("maxLength").asInt() : null;
        if (rule.maxLength() != null && !rule.maxLength().equals(maxLength)) {
            problems.add(where + ": maxLength " + rule.maxLength() + " but the schema says " + maxLength);
        }
    }

    @Test
    void everyMethodOfTheActivityMapHasRules() throws IOException {
        SchemaIndex schema = new SchemaIndex(SharedReference.schema());
        List<String> lines = Files.readAllLines(SharedReference.require("activity-map.tsv"));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t");
            if (cols.length < 3) {
                continue;
            }
            for (String method : cols[1].split("\\|")) {
                for (String path : expand(cols[2].trim())) {
                    if (schema.method(method, path) == null) {
                        continue; // a combination the map's shorthand produces but PVE does not have
                    }
                    checked++;
                    if (ApiRules.find(method, path) == null) {
                        missing.add(method + " " + path);
                    }
                }
            }
        }
        assertThat(checked).as("methods found in the activity map").isGreaterThan(60);
        assertThat(missing).isEmpty();
    }

    /** Expands the map's shorthand: {@code {qemu|lxc}}, {@code [/{id}]}, {@code migrate|relocate}. */
    static List<String> expand(String path) {
        List<String> results = new ArrayList<>();
        int optional = path.indexOf('[');
        if (optional >= 0) {
            int end = path.indexOf(']', optional);
            String inner = path.substring(optional + 1, end);
            results.addAll(expand(path.substring(0, optional) + path.substring(end + 1)));
            results.addAll(expand(path.substring(0, optional) + inner + path.substring(end + 1)));
            return results;
        }
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.contains("|")) {
                String body = s.startsWith("{") ? s.substring(1, s.length() - 1) : s;
                for (String choice : body.split("\\|")) {
                    String[] copy = segments.clone();
                    copy[i] = choice;
                    results.addAll(expand(String.join("/", copy)));
                }
                return results;
            }
        }
        results.add(path);
        return results;
    }
}
