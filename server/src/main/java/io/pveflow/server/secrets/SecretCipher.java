package io.pveflow.server.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest with AES-256-GCM under the master key. Each value carries its own random nonce and
 * is bound to the place it is stored (the {@code context}, e.g. {@code cluster:prod:token-secret}), so a
 * ciphertext copied to another row does not decrypt. Stored form: {@code v1:<base64(nonce || ciphertext+tag)>}.
 */
@Component
public class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    public SecretCipher(@Value("${pveflow.master-key:}") String configuredKey,
                        @Value("${pveflow.data-dir}") String dataDir) {
        this(MasterKeySource.load(configuredKey, Path.of(dataDir)));
    }

    SecretCipher(SecretKey key) {
        this.key = key;
    }

    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed for " + context, e);
        }
    }

    public String decrypt(String stored, String context) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new SecretUnreadableException("The stored secret for " + context + " has an unknown format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        if (all.length <= NONCE_BYTES) {
            throw new SecretUnreadableException("The stored secret for " + context + " is truncated");
        }
        byte[] nonce = java.util.Arrays.copyOfRange(all, 0, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, context);
            byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretUnreadableException("The stored secret for " + context
                    + " does not decrypt: it was written under another master key or for another record");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed for " + context, e);
        }
    }

    /**
     * A key for another purpose (e.g. signing links), derived from the master key with HMAC-SHA256 over the purpose
     * name: distinct per purpose, never the master key itself, and stable as long as the master key is.
     */
    public byte[] derivedKey(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("pveflow-derived-key:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Key derivation failed for " + purpose, e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
