package io.pveflow.server.clusters;

/** How the server decides to trust a cluster's HTTPS certificates. */
public enum TlsMode {
    /** Pin the SHA-256 fingerprint of the node certificate, as Proxmox's own tools do; no hostname check. */
    FINGERPRINT,
    /** Trust certificates issued by the given CA (the cluster's own self-signed CA, usually). */
    CA,
    /** Trust the JVM's default trust store (a certificate from a public or corporate CA). */
    SYSTEM
}
