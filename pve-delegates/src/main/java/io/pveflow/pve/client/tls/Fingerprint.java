package io.pveflow.pve.client.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A certificate fingerprint as Proxmox writes it: SHA-256 of the whole DER certificate, upper-case hex pairs
 * separated by colons. (Not OkHttp's CertificatePinner pin, which hashes only the public key.)
 */
public final class Fingerprint {

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private final byte[] sha256;

    private Fingerprint(byte[] sha256) {
        this.sha256 = sha256;
    }

    /** Accepts {@code AB:CD:...}, lower case, or plain hex without colons; 32 bytes. */
    public static Fingerprint parse(String text) {
        String hex = text == null ? "" : text.trim().replace(":", "");
        if (!hex.matches("[0-9A-Fa-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 32 hex bytes (AB:CD:...), got '" + text + "'");
        }
        return new Fingerprint(HexFormat.of().parseHex(hex));
    }

    public static Fingerprint of(X509Certificate certificate) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    public boolean matches(X509Certificate certificate) {
        return MessageDigest.isEqual(sha256, of(certificate).sha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && Arrays.equals(sha256, f.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    /** {@code AB:CD:...}. */
    @Override
    public String toString() {
        return COLON_HEX.formatHex(sha256);
    }
}
