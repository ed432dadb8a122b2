package uk.ectmentor.core.delivery;

import java.time.Duration;

/**
 * What became of one attempt to send.
 *
 * @param retryAfter for {@link Outcome#RETRY_LATER}: how long the platform asked us to wait (may be null)
 * @param detail     a short reason, safe to log (never message text or secrets)
 */
public record DeliveryResult(Outcome outcome, Duration retryAfter, String detail) {

    public enum Outcome {
        /** The platform accepted the message. */
        DELIVERED,
        /** A passing problem (rate limit, 5xx, network): try again later. */
        RETRY_LATER,
        /** The person can't be reached there (app uninstalled, user deactivated): don't retry. */
        UNDELIVERABLE
    }

    public static DeliveryResult delivered() {
        return new DeliveryResult(Outcome.DELIVERED, null, null);
    }

    public static DeliveryResult retryLater(Duration after, String detail) {
        return new DeliveryResult(Outcome.RETRY_LATER, after, detail);
    }

    public static DeliveryResult undeliverable(String detail) {
        return new DeliveryResult(Outcome.UNDELIVERABLE, null, detail);
    }
}
