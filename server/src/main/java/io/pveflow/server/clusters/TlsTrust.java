package io.pveflow.server.clusters;

/**
 * The TLS trust of a cluster: the mode and what it needs (a fingerprint in {@code AB:CD:...} form, or a CA
 * certificate in PEM). Instances are normalised by {@link ClusterValidator}.
 */
public record TlsTrust(TlsMode mode, String fingerprint, String caPem) {

    public static TlsTrust system() {
        return new TlsTrust(TlsMode.SYSTEM, null, null);
    }
}
