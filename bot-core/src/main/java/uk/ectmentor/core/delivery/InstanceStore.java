package uk.ectmentor.core.delivery;

import java.time.Instant;

/**
 * The running instances of the bot that share one store, each known by the heartbeat it renews. Platform limits
 * (Slack's posts a minute per workspace, Teams' sends a second per tenant) hold for the app as a whole, so each
 * instance paces itself at its share of them ({@link InstanceShare}).
 */
public interface InstanceStore {
    /** Records that {@code instance} is running, and counts as running until {@code until}. */
    void beat(String instance, Instant until);

    /** How many instances count as running at {@code now}. */
    int running(Instant now);

    /** {@code instance} is stopping: it no longer counts. */
    void leave(String instance);

    /** Forgets instances whose last heartbeat ran out before {@code cutoff} (stopped without leaving). */
    long forgetBefore(Instant cutoff);
}
