package uk.ectmentor.core.storage;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

import uk.ectmentor.core.delivery.DaemonTimer;

/**
 * Keeps the embedded store's file from growing without bound, on a daemon thread of its own.
 *
 * <p>The embedded store is opened with H2's background writer turned off: each write is committed on the thread
 * that made it, before it is acknowledged (see {@link EmbeddedH2Backend}), and handing every commit to H2's two
 * writer threads cost a few milliseconds per acknowledgement. That thread also did H2's housekeeping, which this
 * class does instead, the same way:
 *
 * <ul>
 *   <li><b>While the store is busy</b> (more than {@value #QUIET_WRITES} writes to the file since the last run):
 *       rewrite a little of the sparsest chunks ({@value #BUSY_REWRITE_BYTES} bytes at most), only if the
 *       store's lock is free, so that their few live pages move on and the chunks can be freed.</li>
 *   <li><b>When it is quiet</b> (H2 allows the same ten file operations between its own runs): rewrite up to
 *       {@value #QUIET_WRITE_BYTES} bytes of sparse chunks, commit them, then, if the file has holes (less than
 *       {@value #TARGET_FILL_RATE}% of it in use), move the last chunks into the holes and truncate the file.</li>
 * </ul>
 *
 * <p>Rewriting moves unchanged pages, so a crash before the commit loses nothing. Chunks that hold no live page
 * are freed by each commit once H2's retention time has passed (45 s by default).
 */
final class EmbeddedStoreHousekeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreHousekeeper.class);

    /** H2's own default: compact while less than this share of the file, or of the chunks, is live. */
    static final int TARGET_FILL_RATE = 90;
    /** At most this many writes to the file since the last run (a few chat messages) and the store counts as quiet. */
    static final int QUIET_WRITES = 10;
    static final int BUSY_REWRITE_BYTES = 256 * 1024;
    static final int QUIET_WRITE_BYTES = 4 * 1024 * 1024;

    private final MVStore store;
    private final ScheduledExecutorService thread;
    private long writesSeen = -1;

    private EmbeddedStoreHousekeeper(MVStore store, ScheduledExecutorService thread) {
        this.store = store;
        this.thread = thread;
    }

    /** A housekeeper that runs by hand only (tests). */
    static EmbeddedStoreHousekeeper manual(MVStore store) {
        return new EmbeddedStoreHousekeeper(store, null);
    }

    /** A housekeeper that runs every {@code periodMillis} on a daemon thread until closed. */
    static EmbeddedStoreHousekeeper every(long periodMillis, MVStore store) {
        ScheduledExecutorService thread = DaemonTimer.named("embedded-store-housekeeping");
        EmbeddedStoreHousekeeper keeper = new EmbeddedStoreHousekeeper(store, thread);
        thread.scheduleWithFixedDelay(keeper::runSafely, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return keeper;
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // the store may be closing, or full; the next run tries again, and writes are not affected
            log.warn("embedded store housekeeping failed: {}", e.toString());
        }
    }

    /** One round of housekeeping; returns whether the store was quiet since the last round. */
    boolean runOnce() {
        if (store.isClosed()) {
            return false;
        }
        FileStore<?> file = store.getFileStore();
        if (file == null || file.isReadOnly()) {
            return false;
        }
        boolean quiet = writesSeen >= 0 && file.getWriteCount() - writesSeen <= QUIET_WRITES;
        if (!quiet) {
            if (store.compact(TARGET_FILL_RATE / 2, BUSY_REWRITE_BYTES)) {
                store.tryCommit();
            }
        } else {
            if (store.compact(TARGET_FILL_RATE, QUIET_WRITE_BYTES)) {
                store.commit();
            }
            if (file instanceof RandomAccessStore chunks && chunks.getFillRate() < TARGET_FILL_RATE) {
                chunks.compactMoveChunks(TARGET_FILL_RATE, QUIET_WRITE_BYTES, store);
            }
        }
        writesSeen = file.getWriteCount();
        return quiet;
    }

    @Override
    public void close() {
        if (thread != null) {
            // not shutdownNow: an interrupt during a file operation closes H2's file channel
            thread.shutdown();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
