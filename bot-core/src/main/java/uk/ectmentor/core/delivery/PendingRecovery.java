package uk.ectmentor.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retakes a platform's messages that were answered to the platform but never handled (the process stopped
 * in between, or its work queue was full): claims them from the store under a lease, a batch at a time,
 * and queues each on the person's {@link OrderedWork}, while the queue has room. A message queued in memory is
 * claimed the same way ({@link #ours}) just before it is handled, so one that waited longer than the recovery delay
 * is answered by whichever got it first, never by both.
 */
public final class PendingRecovery {
    private static final Logger log = LoggerFactory.getLogger(PendingRecovery.class);

    private PendingRecovery() {
    }

    /**
     * @param after  only messages kept longer ago than this (the instance that took one may still be on it)
     * @param handle runs on the work queue for each message claimed
     * @return how many were claimed
     */
    public static int retake(InboundDedupStore dedup, String platform, OrderedWork work, Instant now, String owner,
                             Duration after, Duration lease, int batch, Consumer<InboundDedupStore.Pending> handle) {
        int total = 0;
        List<InboundDedupStore.Pending> claimed;
        do {
            claimed = dedup.claimUnhandled(platform, now.minus(after), now, owner, lease, batch);
            for (InboundDedupStore.Pending p : claimed) {
                work.submit(p.from().key(), () -> handle.accept(p));
            }
            total += claimed.size();
        } while (claimed.size() == batch && !work.full());
        return total;
    }

    /**
     * Whether the instance that took {@code key} in, under {@code owner} (not its recovery's owner), may handle it
     * now: false when recovery or another instance holds it or it was answered. With the store down it is handled
     * (the engine then says it could not save anything).
     */
    public static boolean ours(InboundDedupStore dedup, String key, String owner, Instant now, Duration lease) {
        try {
            boolean ours = dedup.claim(key, owner, now, lease);
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
