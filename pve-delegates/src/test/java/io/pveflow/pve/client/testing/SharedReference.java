package io.pveflow.pve.client.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The reference files of {@code shared/pve-api} (Proxmox's schema, the activity map), found by walking up from
 * the working directory. They are not part of the repository: when they are absent, tests that need them print
 * a loud warning and are skipped instead of failing.
 */
public final class SharedReference {

    private static JsonNode schema;

    private SharedReference() {
    }

    /** The file, or a skipped test (with a warning on stderr) when it cannot be found. */
    public static Path require(String fileName) {
        Path found = find(fileName);
        if (found == null) {
            System.err.println("""

                    ************************************************************************************
                    WARNING: shared/pve-api/%s not found above %s
                    The test that compares the client with Proxmox's real API is SKIPPED.
                    ************************************************************************************
                    """.formatted(fileName, Path.of("").toAbsolutePath()));
        }
        assumeTrue(found != null, "shared/pve-api/" + fileName + " is absent");
        return found;
    }

    public static Path find(String fileName) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("pve-api").resolve(fileName);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The whole API schema (pve-api-schema-9.1.json), parsed once. */
    public static synchronized JsonNode schema() {
        if (schema == null) {
            Path file = require("pve-api-schema-9.1.json");
            try {
                schema = new ObjectMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }
}
