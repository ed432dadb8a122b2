package uk.ectmentor.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retakes a platform's messages that were answered to the platform but never handled (the process stopped
 * in between, or its work queue was full): claims them from the store under a lease, a batch at a time,
 * and queues each on the person's {@link OrderedWork}, while the queue has room. A message an instance queues in
 * memory is claimed for it in the write that keeps it ({@link #keep}), and the claim is renewed in the store if it
 * waited long or the instance's heartbeat had a break ({@link #ours}), so such a message is answered by its
 * instance or by recovery, never by both.
 */
public final class PendingRecovery {
    private static final Logger log = LoggerFactory.getLogger(PendingRecovery.class);

    private PendingRecovery() {
    }

    /**
     * Claims messages in rounds of at most {@code batch}, the oldest first, as long as the queue has room and the
     * last round was full; with the queue full it asks the store nothing (the instance is busy with its own
     * messages, which free room as they finish). Each round is one query on the embedded server, under a lock that
     * acknowledgements wait for, so keep {@code batch} small: a backlog drains in several short rounds, not one
     * long one.
     *
     * <p>A claimed message is handled only if this recovery still holds it when a worker reaches it
     * ({@link #ours}): one that waited in the queue past its claim may have been taken by another recovery, which
     * then answers it instead.
     *
     * @param owner  the owner claims are made under, {@code holder}'s
     * @param after  only messages kept longer ago than this (the instance that took one may still be on it)
     * @param lease  how long a claim lasts; {@code margin}: renewed before handling when less than this is left
     * @param handle runs on the work queue for each message claimed and still held
     * @return how many were claimed
     */
    public static int retake(InboundDedupStore dedup, String platform, OrderedWork work, Clock clock, ClaimHolder holder,
                             String owner, Duration after, Duration lease, Duration margin, int batch,
                             Consumer<InboundDedupStore.Pending> handle) {
        int total = 0;
        while (true) {
            int room = Math.min(batch, work.room());
            if (room <= 0) {
                return total;
            }
            Instant now = clock.instant();
            List<InboundDedupStore.Pending> claimed = dedup.claimUnhandled(platform, now.minus(after), now, owner, lease, room);
            for (InboundDedupStore.Pending p : claimed) {
                work.submit(p.from().key(), () -> {
                    if (ours(dedup, holder, p.key(), owner, now, clock.instant(), lease, margin)) {
                        handle.accept(p);
                    }
                });
            }
            total += claimed.size();
            if (claimed.size() < room) {
                return total;
            }
        }
    }

    /** What keeping a message that just arrived came to. */
    public enum Kept {
        /** Kept in the store until it is answered: the first time the delivery was seen. */
        KEPT,
        /** Seen before (a platform's retry): nothing to do. */
        REPEAT,
        /** The store could not be reached: nothing was kept, and the message is answered from memory anyway. */
        NOT_KEPT
    }

    /**
     * Keeps a message that just arrived (see {@link InboundDedupStore#accept(InboundDedupStore.Pending, String, Duration)}):
     * claimed for {@code owner} for {@code lease} when {@code work} has room to queue it, unclaimed (for recovery
     * after its delay) when it has not.
     */
    public static Kept keep(InboundDedupStore dedup, OrderedWork work, InboundDedupStore.Pending pending, String owner,
                            Duration lease) {
        try {
            boolean first = work.room() > 0 ? dedup.accept(pending, owner, lease) : dedup.accept(pending);
            return first ? Kept.KEPT : Kept.REPEAT;
        } catch (RuntimeException e) {
            log.warn("could not record a {} delivery: {}", pending.from().platform(), e.getMessage());
            return Kept.NOT_KEPT;
        }
    }

    /**
     * Whether the instance that claimed {@code key} for {@code owner} at {@code claimedAt}, until
     * {@code claimedAt + lease}, may handle it now. While at least {@code margin} of that claim is left and
     * {@code holder} says it still stands (the usual case) the answer is yes without asking the store; otherwise the
     * claim is renewed in the store (under {@link ClaimHolder#renewed}), and the answer is false when recovery or
     * another instance took it over or it was answered. With the store down it is handled (the engine then says it
     * could not save anything).
     */
    public static boolean ours(InboundDedupStore dedup, ClaimHolder holder, String key, String owner, Instant claimedAt,
                               Instant now, Duration lease, Duration margin) {
        if (now.isBefore(claimedAt.plus(lease).minus(margin)) && holder.holds(owner, now)) {
            return true;
        }
        try {
            boolean ours = dedup.claim(key, owner, holder.renewed(owner), now, lease);
            if (!ours) {
                log.debug("{} is being answered by recovery or was answered already", key);
            }
            return ours;
        } catch (RuntimeException e) {
            log.warn("could not claim a kept message before answering it: {}", e.getMessage());
            return true;
        }
    }
}
