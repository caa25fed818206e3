package io.pveflow.server.clusters;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.pveflow.server.web.InvalidInputException;

/**
 * Checks and normalises what an admin sends for a cluster, naming every field that is wrong. Endpoints
 * become {@code https://host:port} (port 8006 when none is given), fingerprints upper-case colon-separated hex.
 */
final class ClusterValidator {

    /** Lower-case letters, digits and dashes: safe as a Flowable tenant id, in URLs and in file names. */
    static final Pattern CLUSTER_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");
    /** {@code USER@REALM!TOKENID} as Proxmox VE names API tokens. */
    static final Pattern TOKEN_ID = Pattern.compile("[^\\s@!:=]+@[A-Za-z][A-Za-z0-9.\\-_]*![A-Za-z][A-Za-z0-9.\\-_]*");
    private static final Pattern FINGERPRINT_HEX = Pattern.compile("[0-9A-F]{64}");
    private static final int MAX_ENDPOINTS = 32;
    private static final int DEFAULT_PVE_PORT = 8006;

    private ClusterValidator() {
    }

    /** A request that passed every rule, normalised. {@code tokenSecret} is null when it is to be kept. */
    record Valid(String id, String displayName, List<String> endpoints, String tokenId, String tokenSecret,
                 TlsTrust tls) {
    }

    static Valid forCreate(ClusterRequest request) {
        return validate(request, request.id(), true);
    }

    static Valid forUpdate(String id, ClusterRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (request.id() != null && !request.id().equals(id)) {
            errors.put("id", "a cluster's id cannot change (it is the tenant id of its processes and runs)");
            throw new InvalidInputException("Invalid cluster", errors);
        }
        return validate(request, id, false);
    }

    private static Valid validate(ClusterRequest request, String id, boolean secretRequired) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (id == null || id.isBlank()) {
            errors.put("id", "is required");
        } else if (!CLUSTER_ID.matcher(id).matches()) {
            errors.put("id", "must be 1 to 32 lower-case letters, digits or dashes, starting and ending with a "
                    + "letter or digit, got '" + id + "'");
        }
        String displayName = trimToNull(request.displayName());
        if (displayName == null) {
            displayName = id;
        } else if (displayName.length() > 200) {
            errors.put("displayName", "must be at most 200 characters");
        }
        List<String> endpoints = endpoints(request.endpoints(), errors);
        String tokenId = trimToNull(request.tokenId());
        if (tokenId == null) {
            errors.put("tokenId", "is required (USER@REALM!TOKENID, e.g. pveflow@pve!automation)");
        } else if (tokenId.length() > 200 || !TOKEN_ID.matcher(tokenId).matches()) {
            errors.put("tokenId", "must look like USER@REALM!TOKENID (e.g. pveflow@pve!automation)");
        }
        String secret = request.tokenSecret();
        if (secret != null && secret.isBlank()) {
            secret = null;
        }
        if (secret == null && secretRequired) {
            errors.put("tokenSecret", "is required when a cluster is added");
        } else if (secret != null && (secret.length() > 512 || secret.chars().anyMatch(Character::isWhitespace))) {
            errors.put("tokenSecret", "must be at most 512 characters without spaces");
        }
        TlsTrust tls = tls(request.tls(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Invalid cluster", errors);
        }
        return new Valid(id, displayName, endpoints, tokenId, secret, tls);
    }

    private static List<String> endpoints(List<String> given, Map<String, String> errors) {
        if (given == null || given.isEmpty()) {
            errors.put("endpoints", "at least one API endpoint is required (e.g. https://pve1.example.com:8006)");
            return List.of();
        }
        if (given.size() > MAX_ENDPOINTS) {
            errors.put("endpoints", "at most " + MAX_ENDPOINTS + " endpoints");
            return List.of();
        }
        LinkedHashSet<String> normalised = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "endpoints[" + i + "]";
            String raw = trimToNull(given.get(i));
            if (raw == null) {
                errors.put(field, "is empty");
                continue;
            }
            try {
                String endpoint = normaliseEndpoint(raw);
                if (!normalised.add(endpoint)) {
                    errors.put(field, "is listed twice: " + endpoint);
                }
            } catch (IllegalArgumentException e) {
                errors.put(field, e.getMessage());
            }
        }
        return new ArrayList<>(normalised);
    }

    static String normaliseEndpoint(String raw) {
        String withScheme = raw.contains("://") ? raw : "https://" + raw;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid address: '" + raw + "'");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("must use https (Proxmox VE serves its API over TLS only), got '" + raw + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("has no host name: '" + raw + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("must not contain credentials; use tokenId and tokenSecret");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !"/".equals(path) && !"/api2/json".equals(path) && !"/api2/json/".equals(path)) {
            throw new IllegalArgumentException("must be a host and port only (the API path /api2/json is added), got '" + raw + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a query or fragment: '" + raw + "'");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PVE_PORT : uri.getPort();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return "https://" + host + ":" + port;
    }

    private static TlsTrust tls(ClusterRequest.Tls tls, Map<String, String> errors) {
        if (tls == null || tls.mode() == null || tls.mode().isBlank()) {
            errors.put("tls.mode", "is required: fingerprint (pin the certificate, as Proxmox's tools do), "
                    + "ca (trust the cluster's CA certificate) or system (the JVM's trust store)");
            return null;
        }
        TlsMode mode;
        try {
            mode = TlsMode.valueOf(tls.mode().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("tls.mode", "must be fingerprint, ca or system, got '" + tls.mode() + "'");
            return null;
        }
        switch (mode) {
            case FINGERPRINT -> {
                String fingerprint = normaliseFingerprint(tls.fingerprint());
                if (fingerprint == null) {
                    errors.put("tls.fingerprint", "must be the SHA-256 fingerprint of the node certificate: 32 "
                            + "bytes in hex, colon-separated (AB:CD:...), as shown by Proxmox VE");
                    return null;
                }
                return new TlsTrust(mode, fingerprint, null);
            }
            case CA -> {
                String pem = trimToNull(tls.caPem());
                if (pem == null) {
                    errors.put("tls.caPem", "is required with mode ca: the CA certificate in PEM "
                            + "(on a PVE node: /etc/pve/pve-root-ca.pem)");
                    return null;
                }
                if (pem.length() > 65536 || !isCertificate(pem)) {
                    errors.put("tls.caPem", "is not a PEM-encoded X.509 certificate");
                    return null;
                }
                return new TlsTrust(mode, null, pem);
            }
            default -> {
                return TlsTrust.system();
            }
        }
    }

    static String normaliseFingerprint(String given) {
        if (given == null) {
            return null;
        }
        String hex = given.trim().replace(":", "").toUpperCase(Locale.ROOT);
        if (!FINGERPRINT_HEX.matcher(hex).matches()) {
            return null;
        }
        StringBuilder out = new StringBuilder(95);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    private static boolean isCertificate(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return !factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).isEmpty();
        } catch (CertificateException e) {
            return false;
        }
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
