package io.pveflow.sim.tls;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** One node's {@code pve-ssl.pem}: the certificate, its key and the facts {@code certificates/info} reports. */
public record NodeCertificate(String node, X509Certificate certificate, KeyPair keyPair) {

    /** SHA-256 of the whole DER certificate as PVE shows it: {@code AB:CD:...}. */
    public String fingerprint() {
        return Fingerprints.sha256(certificate);
    }

    public String pem() {
        return ClusterPki.pem(certificate);
    }

    public String publicKeyType() {
        return certificate.getPublicKey() instanceof RSAKey ? "rsaEncryption" : "id-ecPublicKey";
    }

    public int publicKeyBits() {
        if (certificate.getPublicKey() instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (certificate.getPublicKey() instanceof ECKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        return 0;
    }

    public List<String> subjectAlternativeNames() {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int kind = (Integer) san.get(0);
                    names.add((kind == 7 ? "IP Address:" : "DNS:") + san.get(1));
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // the certificate is ours; an unparsable SAN cannot happen
        }
        return names;
    }
}
