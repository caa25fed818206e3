package io.pveflow.server.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook notification, header {@value #HEADER}: {@code t=<unix seconds>,v1=<hex>} where
 * {@code v1 = hex(HMAC-SHA256(key = signing secret as UTF-8, data = t + "." + raw request body))}.
 * <p>
 * A receiver verifies by recomputing {@code v1} over the exact bytes it received, comparing in constant time,
 * and refusing a {@code t} more than a few minutes from its own clock (replay protection); it may also drop
 * repeated {@code X-PVEFlow-Delivery} ids, since a retried delivery keeps its id but is signed anew.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-PVEFlow-Signature";
    public static final String DELIVERY_HEADER = "X-PVEFlow-Delivery";

    private WebhookSignature() {
    }

    /** The header value for a body sent at {@code timestamp}. */
    public static String header(String secret, Instant timestamp, String body) {
        long t = timestamp.getEpochSecond();
        return "t=" + t + ",v1=" + hmac(secret, t + "." + body);
    }

    /** True when {@code header} signs {@code body} with {@code secret} and its time is within {@code tolerance} of {@code now}. */
    public static boolean verify(String secret, String header, String body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t") && kv[1].matches("[0-9]{1,12}")) {
                t = Long.parseLong(kv[1]);
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        byte[] expected = hmac(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
