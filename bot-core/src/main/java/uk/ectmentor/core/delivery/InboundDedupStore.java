package uk.ectmentor.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import uk.ectmentor.core.chat.UserRef;

/**
 * Remembers which platform deliveries (Slack event ids, interaction ids, ...) have been taken in, so a
 * platform's retry of the same delivery is acknowledged without being processed a second time.
 *
 * <p>A typed message can be kept with its delivery ({@link #accept}) until it has been handled: a platform
 * that was told "got it" does not send again, so a message taken in just before a crash is picked up again
 * from here ({@link #claimUnhandled}) rather than lost.
 */
public interface InboundDedupStore {
    /**
     * Records {@code key} as received at {@code at}.
     *
     * @return true the first time a key is seen, false for every repeat
     */
    boolean firstDelivery(String key, Instant at);

    /** A typed message taken in and not yet answered; {@code channel} may be null (answer by direct message). */
    record Pending(String key, UserRef from, String text, String channel, Instant at) {
    }

    /**
     * Records the delivery together with its message, until {@link #handled}, claimed by nobody: recovery may
     * take it once it is old enough.
     *
     * @return true the first time the key is seen, false for every repeat
     */
    default boolean accept(Pending pending) {
        return accept(pending, null, null);
    }

    /**
     * As {@link #accept(Pending)}, and claimed in the same write for {@code owner} (the instance taking it in, which
     * queues it in memory) until {@code pending.at() + lease}; recovery leaves it alone until then.
     */
    boolean accept(Pending pending, String owner, Duration lease);

    /** The message was handled: forget its text and where to answer, keep the key (retries still count as repeats). */
    void handled(String key);

    /**
     * Claims up to {@code limit} messages from {@code platform} accepted before {@code acceptedBefore} and not
     * handled, for {@code owner} until {@code now + lease}; a claim that expired (its owner died) can be claimed
     * again. Each platform recovers only its own (the collection is shared).
     */
    List<Pending> claimUnhandled(String platform, Instant acceptedBefore, Instant now, String owner, Duration lease, int limit);

    /**
     * Claims one kept message for {@code owner} until {@code now + lease}, just before the instance that took it in
     * handles it from memory, when it waited so long that its claim from {@link #accept(Pending, String, Duration)}
     * may run out, or the instance's heartbeat had a break: false when recovery (or another instance) holds a live
     * claim on it, or it was already handled, so a message that waited in a long queue is never answered twice. True
     * as well when no record was kept (the store was down when it arrived), so such a message is still answered.
     */
    default boolean claim(String key, String owner, Instant now, Duration lease) {
        return claim(key, owner, owner, now, lease);
    }

    /**
     * As {@link #claim(String, String, Instant, Duration)} for a claim made as {@code was}, which moves to
     * {@code owner} (the same process under its name now, after a break in its heartbeat: see {@link ClaimHolder}).
     */
    boolean claim(String key, String was, String owner, Instant now, Duration lease);

    /**
     * Ends every claim on a message still pending, so that recovery may take it as soon as it is old enough. Only for
     * a store no other process uses (the embedded one), at start-up, before any message is taken in: every claim in
     * it was then made by a process that has stopped, whose queue went with it. Returns how many were ended.
     */
    long releaseClaims();

    /**
     * Ends every claim on a message still pending made by the instance named {@code holder} (an owner
     * {@code holder + "/" + role}, see {@link ClaimHolder#owner}), which has stopped: recovery may then take those
     * messages as soon as they are old enough. Returns how many were ended.
     */
    long releaseClaimsOf(String holder);

    /** Forgets deliveries received before {@code cutoff} (platforms stop retrying long before). */
    long forgetBefore(Instant cutoff);
}
