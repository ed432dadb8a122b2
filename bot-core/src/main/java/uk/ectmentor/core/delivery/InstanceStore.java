package uk.ectmentor.core.delivery;

import java.time.Instant;
import java.util.List;

/**
 * The running instances of the bot that share one store, each known by the heartbeat it renews. Platform limits
 * (Slack's posts a minute per workspace, Teams' sends a second per tenant) hold for the app as a whole, so each
 * instance paces itself at its share of them, and the claims of one whose heartbeat ran out are ended by the
 * others ({@link InstanceShare}).
 */
public interface InstanceStore {
    /** Records that {@code instance} is running, and counts as running until {@code until} (not at it). */
    void beat(String instance, Instant until);

    /** How many instances count as running at {@code now}. */
    int running(Instant now);

    /** {@code instance} is stopping: it no longer counts after {@code at}, and its record stays until forgotten. */
    void leave(String instance, Instant at);

    /** The instances whose heartbeat ran out before {@code cutoff} (stopped or died, not forgotten yet). */
    List<String> lapsedBefore(Instant cutoff);

    /** Forgets {@code instance} if its heartbeat ran out before {@code cutoff} (not if it came back meanwhile). */
    boolean forget(String instance, Instant cutoff);

    /** Forgets instances whose last heartbeat ran out before {@code cutoff} (stopped without leaving). */
    long forgetBefore(Instant cutoff);
}
