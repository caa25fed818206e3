package io.pveflow.server.notifications;

/** How an e-mail notifier protects its SMTP connection. */
enum EmailSecurity {
    /** Plain connection upgraded with STARTTLS, which is required (never falls back to plain text). */
    STARTTLS(587),
    /** TLS from the first byte (SMTPS). */
    TLS(465),
    /** No encryption: only for a relay on the same host or a trusted network. */
    NONE(25);

    private final int defaultPort;

    EmailSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    int defaultPort() {
        return defaultPort;
    }
}
