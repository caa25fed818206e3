package io.pveflow.pve.client.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.pveflow.pve.client.TlsTrust;
import okhttp3.OkHttpClient;

/**
 * Applies a {@link TlsTrust} to a client builder. Each trust mode gives OkHttp a different socket factory and
 * host name verifier, so its connection pool never hands a connection made under one mode to a cluster using
 * another (they are different "addresses" to OkHttp).
 */
public final class TlsSetup {

    private TlsSetup() {
    }

    public static void apply(OkHttpClient.Builder builder, TlsTrust trust, String clusterName) {
        X509TrustManager manager;
        if (trust instanceof TlsTrust.Fingerprints f) {
            manager = new FingerprintTrustManager(f.pins());
            // the pin identifies the server; node certificates often do not name the address used to reach them
            builder.hostnameVerifier((host, session) -> true);
        } else if (trust instanceof TlsTrust.CaPem ca) {
            manager = caTrustManager(ca.pem());
        } else if (trust instanceof TlsTrust.SystemTrust) {
            manager = systemTrustManager();
        } else {
            manager = new TrustAllManager();
            builder.hostnameVerifier((host, session) -> true);
            builder.eventListener(new InsecureConnectionWarning(clusterName));
        }
        builder.sslSocketFactory(sslContext(manager).getSocketFactory(), manager);
    }

    static X509TrustManager caTrustManager(String pem) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in the CA PEM");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            return trustManager(store);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the CA PEM: " + e.getMessage(), e);
        }
    }

    static X509TrustManager systemTrustManager() {
        try {
            return trustManager(null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no system trust store", e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X509TrustManager available");
    }

    private static SSLContext sslContext(X509TrustManager manager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context", e);
        }
    }
}
