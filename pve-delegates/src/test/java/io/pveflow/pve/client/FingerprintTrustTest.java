package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pveflow.pve.client.tls.Fingerprint;
import io.pveflow.pve.client.tls.FingerprintMismatchException;
import io.pveflow.pve.client.tls.FingerprintTrustManager;

/**
 * The fingerprint pin against a throwaway HTTPS server whose self-signed certificate names another host: the
 * pin alone decides, host names are not checked in this mode, and only in this mode.
 */
class FingerprintTrustTest {

    static X509Certificate certificate;
    static SSLServerSocket server;
    static Thread acceptor;

    @BeforeAll
    static void startServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=some-other-host.example");
        long now = System.currentTimeMillis();
        certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now), new Date(now - 60_000), new Date(now + 86_400_000L), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), new char[0], new X509Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        acceptor = new Thread(FingerprintTrustTest::serve, "throwaway-https");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers every request with a version, one request per connection. */
    private static void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    head.write(b);
                }
                byte[] body = "{\"data\":{\"version\":\"9.1.1\",\"release\":\"9.1\"}}".getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (Exception e) {
                // a refused handshake ends that connection only
            }
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static PveClient client(TlsTrust trust) {
        return io.pveflow.pve.client.testing.TestClusters.clients().newClient(PveClusterConfig.builder()
                .endpoint("https://127.0.0.1:" + server.getLocalPort())
                .apiToken("root@pam!t", "x")
                .trust(trust)
                .retry(RetryPolicy.none())
                .build());
    }

    @Test
    void thePinnedCertificateIsTrustedThoughItNamesAnotherHost() {
        PveClient pve = client(TlsTrust.fingerprints(Fingerprint.of(certificate).toString()));

        assertThat(pve.cluster().version().version()).isEqualTo("9.1.1");
    }

    @Test
    void trustingTheSameCertificateAsACaStillChecksTheHostName() throws Exception {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificate);
        }
        PveClient pve = client(TlsTrust.caPem(pem.toString()));

        PveApiException e = catchThrowableOfType(PveApiException.class, () -> pve.cluster().version());

        assertThat(e.code()).isEqualTo(PveErrorCode.CONNECTION);
        assertThat(e.getMessage()).contains("127.0.0.1").containsIgnoringCase("not verified");
    }

    @Test
    void fingerprintsAreWrittenAsPveShowsThem() {
        String text = Fingerprint.of(certificate).toString();

        assertThat(text).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(Fingerprint.parse(text.toLowerCase().replace(":", ""))).isEqualTo(Fingerprint.of(certificate));
        assertThatThrownBy(() -> Fingerprint.parse("AB:CD")).hasMessageContaining("32 hex bytes");
    }

    @Test
    void theTrustManagerLooksOnlyAtTheLeaf() throws Exception {
        FingerprintTrustManager manager = new FingerprintTrustManager(List.of(Fingerprint.of(certificate)));
        FingerprintTrustManager other = new FingerprintTrustManager(List.of(Fingerprint.parse("00".repeat(32))));

        manager.checkServerTrusted(new X509Certificate[] {certificate}, "ECDHE_ECDSA");
        assertThatThrownBy(() -> other.checkServerTrusted(new X509Certificate[] {certificate}, "ECDHE_ECDSA"))
                .isInstanceOf(FingerprintMismatchException.class)
                .hasMessageContaining(Fingerprint.of(certificate).toString());
        assertThatThrownBy(() -> manager.checkServerTrusted(new X509Certificate[0], "ECDHE_ECDSA"))
                .hasMessageContaining("no certificate");
        assertThat(manager.getAcceptedIssuers()).isEmpty();
    }
}
