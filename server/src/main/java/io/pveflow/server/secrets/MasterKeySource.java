package io.pveflow.server.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key that encrypts secrets at rest: {@code PVEFLOW_MASTER_KEY} (base64 of 32 bytes) when
 * configured, otherwise a key generated once into the data folder, readable by the owner only. Losing that
 * file makes stored secrets unreadable, so an existing file is never overwritten.
 */
final class MasterKeySource {

    static final String KEY_FILE = "master.key";
    private static final Logger log = LoggerFactory.getLogger(MasterKeySource.class);
    private static final int KEY_BYTES = 32;

    private MasterKeySource() {
    }

    static SecretKey load(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.trim(), "PVEFLOW_MASTER_KEY (pveflow.master-key)");
        }
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                createKeyFile(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the master key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createKeyFile(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key) + "\n";
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return; // another process created it first; use theirs
        }
        Files.writeString(file, encoded, StandardCharsets.US_ASCII);
        log.warn("Generated a new master key in {} (owner-only). Back it up: without it, stored cluster secrets "
                + "cannot be decrypted. Set PVEFLOW_MASTER_KEY to manage the key yourself.", file.toAbsolutePath());
    }

    private static SecretKey decode(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The master key in " + where + " is not valid base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("The master key in " + where + " must be 32 bytes (base64 of 32 random "
                    + "bytes, e.g. `openssl rand -base64 32`), got " + bytes.length + " bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
