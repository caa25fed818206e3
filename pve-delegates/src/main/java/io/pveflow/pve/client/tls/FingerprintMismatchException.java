package io.pveflow.pve.client.tls;

import java.security.cert.CertificateException;

/** The server presented a certificate whose fingerprint is not pinned. */
public final class FingerprintMismatchException extends CertificateException {

    private final Fingerprint actual;

    public FingerprintMismatchException(Fingerprint actual, String pinned) {
        super("server certificate fingerprint " + actual + " does not match the pinned fingerprint " + pinned);
        this.actual = actual;
    }

    public Fingerprint actual() {
        return actual;
    }
}
