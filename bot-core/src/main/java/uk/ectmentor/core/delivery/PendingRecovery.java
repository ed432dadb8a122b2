package uk.ectmentor.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Retakes a platform's messages that were answered to the platform but never handled (the process stopped
 * in between, or its work queue was full): claims them from the store under a lease, a batch at a time,
 * and queues each on the person's {@link OrderedWork}, while the queue has room.
 */
public final class PendingRecovery {
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
}
