package io.pveflow.sim.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's own certificate authority and one certificate per node, like {@code pvecm} creates them:
 * {@code pve-root-ca.pem} signs every node's {@code pve-ssl.pem}. Keys are EC P-256 rather than PVE's RSA 2048
 * so that a 32-node cluster starts in milliseconds; clients pin the certificate, not its key type.
 */
public final class ClusterPki {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] KEYSTORE_PASSWORD = "pve-sim".toCharArray();

    private final X509Certificate caCertificate;
    private final Map<String, NodeCertificate> nodeCertificates;

    private ClusterPki(X509Certificate caCertificate, Map<String, NodeCertificate> nodeCertificates) {
        this.caCertificate = caCertificate;
        this.nodeCertificates = nodeCertificates;
    }

    /** Creates a fresh CA and one certificate per node (name and IP address) signed by it. */
    public static ClusterPki create(Map<String, String> nodeIps) {
        try {
            KeyPair caKeys = newKeyPair();
            Instant now = Instant.now().minus(Duration.ofDays(1));
            X500Name caName = new X500Name("CN=Proxmox Virtual Environment, OU=" + UUID.randomUUID()
                    + ", O=PVE Cluster Manager CA");
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now),
                    Date.from(now.plus(Duration.ofDays(3650))), caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCert = sign(ca, caKeys);

            Map<String, NodeCertificate> nodes = new LinkedHashMap<>();
            for (Map.Entry<String, String> node : nodeIps.entrySet()) {
                nodes.put(node.getKey(), nodeCertificate(node.getKey(), node.getValue(), caCert, caKeys, now, ext));
            }
            return new ClusterPki(caCert, Collections.unmodifiableMap(nodes));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the simulated cluster's certificates", e);
        }
    }

    private static NodeCertificate nodeCertificate(String node, String ip, X509Certificate caCert, KeyPair caKeys,
            Instant now, JcaX509ExtensionUtils ext) throws GeneralSecurityException, IOException {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500Name("CN=" + node + ".local, OU=PVE Cluster Node, O=Proxmox Virtual Environment");
        // SANs as pvecm writes them, plus the loopback names so an in-process client can verify the host name.
        List<GeneralName> san = new ArrayList<>();
        san.add(new GeneralName(GeneralName.dNSName, "localhost"));
        san.add(new GeneralName(GeneralName.dNSName, node));
        san.add(new GeneralName(GeneralName.dNSName, node + ".local"));
        san.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        san.add(new GeneralName(GeneralName.iPAddress, "0:0:0:0:0:0:0:1"));
        if (ip != null && !ip.isBlank() && isIpLiteral(ip)) {
            san.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCert, serial(), Date.from(now),
                Date.from(now.plus(Duration.ofDays(730))), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.nonRepudiation))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san.toArray(GeneralName[]::new)))
                .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
        X509Certificate cert = sign(builder, caKeys);
        return new NodeCertificate(node, cert, keys);
    }

    private static boolean isIpLiteral(String ip) {
        return ip.matches("[0-9.]+") || ip.contains(":");
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).abs().add(BigInteger.ONE);
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public String caPem() {
        return pem(caCertificate);
    }

    public NodeCertificate node(String node) {
        NodeCertificate cert = nodeCertificates.get(node);
        if (cert == null) {
            throw new IllegalArgumentException("no certificate for node " + node);
        }
        return cert;
    }

    public boolean hasNode(String node) {
        return nodeCertificates.containsKey(node);
    }

    /** A server TLS context presenting the given node's certificate (with the CA in its chain). */
    public SSLContext serverContext(String node) {
        NodeCertificate cert = node(node);
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("node", cert.keyPair().getPrivate(), KEYSTORE_PASSWORD,
                    new java.security.cert.Certificate[] {cert.certificate(), caCertificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, KEYSTORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, RANDOM);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS context of node " + node, e);
        }
    }

    /** A client TLS context that trusts exactly this cluster's CA; handy for tests. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("pve-root-ca", caCertificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a client TLS context", e);
        }
    }

    public static String pem(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

}
