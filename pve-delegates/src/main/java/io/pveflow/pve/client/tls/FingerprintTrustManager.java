package io.pveflow.pve.client.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly a server whose leaf certificate has one of the pinned fingerprints, nothing else: no CA, no
 * expiry, no host name (Proxmox's own tools do the same; the pin is the identity). Extends the "extended" trust
 * manager so the JDK does not wrap it and add checks of its own.
 */
public final class FingerprintTrustManager extends X509ExtendedTrustManager {

    private final List<Fingerprint> pins;

    public FingerprintTrustManager(List<Fingerprint> pins) {
        if (pins.isEmpty()) {
            throw new IllegalArgumentException("no fingerprint to trust");
        }
        this.pins = List.copyOf(pins);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        for (Fingerprint pin : pins) {
            if (pin.matches(chain[0])) {
                return;
            }
        }
        throw new FingerprintMismatchException(Fingerprint.of(chain[0]),
                pins.stream().map(Fingerprint::toString).collect(Collectors.joining(" or ")));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only checks servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
