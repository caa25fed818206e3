package io.pveflow.pve.client;

import java.util.List;
import java.util.Objects;

import io.pveflow.pve.client.tls.Fingerprint;

/**
 * Which server certificates the client accepts. There is no default: a cluster config must choose. Proxmox nodes
 * come with certificates from the cluster's own CA, so production setups pin a fingerprint or trust that CA.
 */
public sealed interface TlsTrust {

    /**
     * Accept exactly a server certificate whose SHA-256 fingerprint (of the whole DER certificate, as PVE shows
     * it: {@code AB:CD:...}) is one of these, as Proxmox's own tools do. Host names are not checked in this mode:
     * the pin identifies the server. Give one pin per node when the endpoints are several nodes.
     */
    static TlsTrust fingerprints(String... fingerprints) {
        return new Fingerprints(List.of(fingerprints).stream().map(Fingerprint::parse).toList());
    }

    /** Accept certificates issued by these CAs (PEM, one or more certificates, e.g. pve-root-ca.pem). */
    static TlsTrust caPem(String pem) {
        return new CaPem(pem);
    }

    /** The JVM's trust store (certificates from a public CA, e.g. ACME). */
    static TlsTrust system() {
        return new SystemTrust();
    }

    /** Accept any certificate and any host name. For labs only: every new connection logs a warning. */
    static TlsTrust insecure() {
        return new Insecure();
    }

    record Fingerprints(List<Fingerprint> pins) implements TlsTrust {
        public Fingerprints {
            pins = List.copyOf(pins);
            if (pins.isEmpty()) {
                throw new IllegalArgumentException("give at least one fingerprint");
            }
        }
    }

    record CaPem(String pem) implements TlsTrust {
        public CaPem {
            Objects.requireNonNull(pem, "pem");
        }

        @Override
        public String toString() {
            return "CaPem[" + pem.length() + " chars]";
        }
    }

    record SystemTrust() implements TlsTrust {
    }

    record Insecure() implements TlsTrust {
    }
}
