package uk.ectmentor.core.nudges;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Links to a pairing's nudge calendar ({@code /api/pairings/{id}/calendar.ics}) that a calendar app can
 * subscribe to. With a secret, each link carries a key (HMAC-SHA256 of the pairing id under the secret),
 * so it works from anywhere while nobody can guess another pairing's; without one, links work only on the
 * bot's own machine. {@link #NONE} has no address at all.
 */
public final class CalendarFeeds {
    public static final CalendarFeeds NONE = new CalendarFeeds(null, null);
    /** What a pairing id in a feed's path may be: letters, digits, dots, dashes or underscores, 1-64 of them. */
    public static final String PAIRING_ID = "[A-Za-z0-9._-]{1,64}";
    private static final String PURPOSE = "calendar.ics:";
    private static final int KEY_CHARS = 32;

    private final String baseUrl;
    private final byte[] secret;

    private CalendarFeeds(String baseUrl, byte[] secret) {
        this.baseUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
        this.secret = secret;
    }

    /** Links under {@code baseUrl}; keyed when {@code secret} is set (at least 16 characters). */
    public static CalendarFeeds of(String baseUrl, String secret) {
        if (secret != null && !secret.isBlank() && secret.strip().length() < 16) {
            throw new IllegalArgumentException("BOT_FEED_SECRET must be at least 16 characters");
        }
        return new CalendarFeeds(baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip(),
                secret == null || secret.isBlank() ? null : secret.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** True when links carry a key, so they work away from the bot's machine. */
    public boolean keyed() {
        return secret != null;
    }

    /** The subscription link for a pairing, when the bot knows its own address. */
    public Optional<String> link(String pairingId) {
        if (baseUrl == null) {
            return Optional.empty();
        }
        String url = baseUrl + "/api/pairings/" + pairingId + "/calendar.ics";
        return Optional.of(keyed() ? url + "?key=" + key(pairingId) : url);
    }

    /** Whether {@code key} opens this pairing's feed (compared in constant time); false when links have no key. */
    public boolean opens(String pairingId, String key) {
        if (secret == null || pairingId == null || key == null) {
            return false;
        }
        return MessageDigest.isEqual(key(pairingId).getBytes(StandardCharsets.US_ASCII), key.getBytes(StandardCharsets.US_ASCII));
    }

    private String key(String pairingId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] sum = mac.doFinal((PURPOSE + pairingId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum).substring(0, KEY_CHARS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
