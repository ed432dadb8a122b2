package uk.ectmentor.core.delivery;

import java.time.Instant;

/**
 * Remembers which platform deliveries (Slack event ids, interaction ids, ...) have been taken in, so a
 * platform's retry of the same delivery is acknowledged without being processed a second time.
 */
public interface InboundDedupStore {
    /**
     * Records {@code key} as received at {@code at}.
     *
     * @return true the first time a key is seen, false for every repeat
     */
    boolean firstDelivery(String key, Instant at);

    /** Forgets deliveries received before {@code cutoff} (platforms stop retrying long before). */
    long forgetBefore(Instant cutoff);
}
