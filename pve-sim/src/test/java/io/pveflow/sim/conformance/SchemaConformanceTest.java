package io.pveflow.sim.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pveflow.sim.PveSimulator;
import io.pveflow.sim.api.Endpoint;
import io.pveflow.sim.validation.ParamRule;

/**
 * Holds the simulator to Proxmox's own API schema (pve-docs' apidata, PVE 9.1), read from
 * {@code shared/pve-api/} next to the repository. Every route the simulator serves must exist in the schema
 * with the same method, and every parameter rule must match the schema's: name, type, optional, enum,
 * pattern, format, range and length. The simulator never reads these files; only this test does.
 */
class SchemaConformanceTest {

    private static final String SCHEMA = "shared/pve-api/pve-api-schema-9.1.json";
    private static final String ACTIVITY_MAP = "shared/pve-api/activity-map.tsv";

    private static Path schemaDir;
    private static Map<String, JsonNode> schema;

    @BeforeAll
    static void readSchema() throws IOException {
        Path found = locate(SCHEMA);
        if (found == null) {
            System.err.println("""
                    ************************************************************************
                    WARNING: %s not found above %s.
                    The PVE API conformance checks are SKIPPED. Put the shared/ folder next
                    to the repository to run them.
                    ************************************************************************"""
                    .formatted(SCHEMA, Path.of("").toAbsolutePath()));
        }
        Assumptions.assumeTrue(found != null, "PVE API schema not available");
        schemaDir = found.getParent();
        schema = new HashMap<>();
        JsonNode root = new ObjectMapper().readTree(found.toFile());
        root.forEach(SchemaConformanceTest::index);
    }

    /** Walks up from the working directory (pve-sim/ under surefire) looking for the shared folder. */
    private static Path locate(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return null;
    }

    private static void index(JsonNode node) {
        JsonNode info = node.get("info");
        if (info != null) {
            info.fields().forEachRemaining(m -> schema.put(m.getKey() + " " + node.get("path").asText(), m.getValue()));
        }
        JsonNode children = node.get("children");
        if (children != null) {
            children.forEach(SchemaConformanceTest::index);
        }
    }

    @Test
    void everyServedRouteExistsInTheSchemaWithTheSameMethod() {
        List<String> unknown = new ArrayList<>();
        for (Endpoint e : PveSimulator.endpoints()) {
            if (!schema.containsKey(e.key())) {
                unknown.add(e.key());
            }
        }
        assertThat(unknown).as("routes served by the simulator but not in PVE's schema").isEmpty();
    }

    @Test
    void everyParameterRuleMatchesTheSchema() {
        List<String> differences = new ArrayList<>();
        for (Endpoint e : PveSimulator.endpoints()) {
            JsonNode info = schema.get(e.key());
            if (info == null) {
                continue; // reported by the route test
            }
            JsonNode parameters = info.path("parameters");
            JsonNode props = parameters.path("properties");
            Map<String, ParamRule> ours = new HashMap<>();
            e.parameters().forEach(p -> ours.put(p.name(), p));
            Set<String> theirs = new TreeSet<>();
            props.fieldNames().forEachRemaining(theirs::add);
            for (String name : theirs) {
                if (!ours.containsKey(name)) {
                    differences.add(e.key() + ": parameter '" + name + "' missing (the simulator would reject it)");
                }
            }
            for (ParamRule rule : e.parameters()) {
                JsonNode p = props.get(rule.name());
                if (p == null) {
                    differences.add(e.key() + ": parameter '" + rule.name() + "' is not in the schema");
                    continue;
                }
                compare(e.key() + " " + rule.name(), rule, p, differences);
            }
            if (parameters.path("additionalProperties").asInt(0) != 0) {
                differences.add(e.key() + ": schema allows additional properties, the simulator does not");
            }
        }
        assertThat(differences).as("parameter rules that differ from PVE's schema").isEmpty();
    }

    private static void compare(String where, ParamRule rule, JsonNode p, List<String> differences) {
        String type = p.path("type").asText("string");
        if (!type.equals(rule.type())) {
            differences.add(where + ": type " + rule.type() + ", schema says " + type);
        }
        boolean optional = p.path("optional").asInt(0) == 1;
        if (optional != rule.isOptional()) {
            differences.add(where + ": optional=" + rule.isOptional() + ", schema says " + optional);
        }
        Set<String> schemaEnum = null;
        if (p.has("enum")) {
            schemaEnum = new LinkedHashSet<>();
            for (JsonNode v : p.get("enum")) {
                schemaEnum.add(v.asText());
            }
        }
        Set<String> ourEnum = rule.enumValues() == null ? null : new LinkedHashSet<>(rule.enumValues());
        if (schemaEnum == null ? ourEnum != null : !schemaEnum.equals(ourEnum)) {
            differences.add(where + ": enum " + ourEnum + ", schema says " + schemaEnum);
        }
        String pattern = p.has("pattern") ? javaRegex(p.get("pattern").asText()) : null;
        if (pattern == null ? rule.pattern() != null : !pattern.equals(rule.pattern())) {
            differences.add(where + ": pattern " + rule.pattern() + ", schema says " + pattern);
        }
        // formats given as an inline property-string schema are not compared by name
        String format = p.has("format") && p.get("format").isTextual() ? p.get("format").asText() : null;
        if (format == null ? rule.format() != null : !format.equals(rule.format())) {
            differences.add(where + ": format " + rule.format() + ", schema says " + format);
        }
        compareNumber(where, "minimum", rule.minimum(), p, differences);
        compareNumber(where, "maximum", rule.maximum(), p, differences);
        Integer maxLength = p.has("maxLength") ? p.get("maxLength").asInt() : null;
        if (maxLength == null ? rule.maxLength() != null : !maxLength.equals(rule.maxLength())) {
            differences.add(where + ": maxLength " + rule.maxLength() + ", schema says " + maxLength);
        }
    }

    private static void compareNumber(String where, String field, Double ours, JsonNode p, List<String> differences) {
        Double theirs = p.has(field) ? Double.valueOf(p.get(field).asText()) : null;
        if (theirs == null ? ours != null : !theirs.equals(ours)) {
            differences.add(where + ": " + field + " " + ours + ", schema says " + theirs);
        }
    }

    @Test
    void everyMethodOfTheActivityMapIsServed() throws IOException {
        Path map = schemaDir.resolve("activity-map.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(map), ACTIVITY_MAP + " not available");
        Set<String> served = new HashSet<>();
        PveSimulator.endpoints().forEach(e -> served.add(e.key()));
        List<String> missing = new ArrayList<>();
        List<String> lines = Files.readAllLines(map);
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t");
            if (cols.length < 3) {
                continue;
            }
            for (String method : cols[1].split("\\|")) {
                for (String path : expand(cols[2].trim())) {
                    String key = method.trim() + " " + path;
                    if (schema.containsKey(key) && !served.contains(key)) {
                        missing.add(key);
                    }
                }
            }
        }
        assertThat(missing).as("activity-map methods the simulator does not serve").isEmpty();
    }

    private static final Pattern ALTERNATIVES = Pattern.compile("\\{([^}]*\\|[^}]*)}");

    /** {@code /nodes/{node}/{qemu|lxc}/x[/{id}]} into every concrete path template it stands for. */
    static List<String> expand(String path) {
        List<String> out = new ArrayList<>();
        int open = path.indexOf('[');
        if (open >= 0) {
            int close = path.indexOf(']', open);
            out.addAll(expand(path.substring(0, open) + path.substring(close + 1)));
            out.addAll(expand(path.substring(0, open) + path.substring(open + 1, close) + path.substring(close + 1)));
            return out;
        }
        Matcher m = ALTERNATIVES.matcher(path);
        if (m.find()) {
            for (String alt : m.group(1).split("\\|")) {
                out.addAll(expand(path.substring(0, m.start()) + alt + path.substring(m.end())));
            }
            return out;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains("|")) {
            String head = path.substring(0, path.lastIndexOf('/') + 1);
            for (String alt : last.split("\\|")) {
                out.add(head + alt);
            }
            return out;
        }
        out.add(path);
        return out;
    }

    /** The schema's patterns are Perl: {@code (?^:X)} is a plain group in Java, {@code \@} a literal '@'. */
    static String javaRegex(String perl) {
        return perl.replace("(?^:", "(?:").replace("\\@", "@");
    }
}
