package uk.ectmentor.adapters.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature ({@code X-Slack-Signature}: HMAC-SHA256 of {@code v0:timestamp:body}
 * with the signing secret) and its freshness ({@code X-Slack-Request-Timestamp} within five minutes).
 *
 * <p>Bolt has the same check, but it hashes the body re-encoded with the JVM's default charset, which
 * breaks on non-ASCII messages when the machine's locale is not UTF-8. This one hashes the exact bytes
 * Slack sent, so it holds whatever the locale, and reads the time from the injected clock.
 */
final class SlackRequestVerifier {
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final byte[] secret;
    private final Clock clock;

    SlackRequestVerifier(String signingSecret, Clock clock) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Why a request was refused, or null when it is genuine and fresh. */
    String problem(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            return "missing signature headers";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "unreadable timestamp";
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        if (Duration.between(sent, now).abs().compareTo(MAX_AGE) > 0) {
            return "stale timestamp";
        }
        byte[] expected = ("v0=" + sign(timestamp.strip(), body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return "bad signature";
        }
        return null;
    }

    /** The hex HMAC of {@code v0:timestamp:body}, as Slack computes it. */
    String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
