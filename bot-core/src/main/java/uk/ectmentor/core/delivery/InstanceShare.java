package uk.ectmentor.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's heartbeat in the {@link InstanceStore}, and how many instances share the platforms' limits.
 * Every {@link #beat} renews the heartbeat for {@link #LASTS} and counts the instances running; when the count
 * changes, each listener hears it (the Slack and Teams senders then pace at their share of the limits). An
 * instance that stops leaves ({@link #close}); one that dies drops out when its heartbeat runs out, and the
 * others take up its share then. When the store cannot be reached the last count stands.
 *
 * <p>It is also the {@link ClaimHolder} of the instance's claims on kept messages. {@link #TAKEN_OVER_AFTER} its
 * heartbeat ran out, the others end them ({@link #releaseLapsed}) and recovery answers those messages, instead of
 * waiting out each claim's lease (five minutes). So a claim stands without asking the store only while the
 * heartbeat is unbroken ({@link #holds}): after a break the instance takes a new name, and a claim made under the
 * old one is renewed under the new one, in the store, before its message is answered. The others may be ending the
 * old name's claims meanwhile, never the new one's.
 */
public final class InstanceShare implements AutoCloseable, ClaimHolder {
    /** How often the app beats. */
    public static final Duration EVERY = Duration.ofSeconds(10);
    /** How long a heartbeat counts: three beats, so one late or failed beat does not drop an instance. */
    public static final Duration LASTS = EVERY.multipliedBy(3);
    /**
     * How long after an instance's heartbeat ran out the others end its claims: longer than a message already being
     * answered when it ran out may still take (a reply waits at most a minute for the platform's pace).
     */
    public static final Duration TAKEN_OVER_AFTER = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(InstanceShare.class);

    private final InstanceStore store;
    private final Clock clock;
    private final String base;
    private final List<IntConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile int instances = 1;
    /** The name it beats and claims under: a new one after each break in the heartbeat. */
    private volatile String name;
    /** The heartbeat as last renewed, under {@code name}, counted by the others until {@code until}; null when none. */
    private volatile Run run;

    private record Run(String name, Instant until) {
    }

    /** {@code name}: this instance's name, unique among those sharing the store (a random suffix is added). */
    public InstanceShare(InstanceStore store, Clock clock, String name) {
        this.store = store;
        this.clock = clock;
        this.base = name;
        this.name = fresh();
    }

    private String fresh() {
        return base + "#" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This instance's name in the store. */
    @Override
    public String name() {
        return name;
    }

    /** How many instances share the limits, as of the last beat (1 before the first). */
    public int instances() {
        return instances;
    }

    /** {@code listener} hears the count now and whenever it changes. */
    public void onChange(IntConsumer listener) {
        listeners.add(listener);
        listener.accept(instances);
    }

    /** Renews the heartbeat and counts the instances running; returns the count. */
    public int beat() {
        Instant now = clock.instant();
        Run last = run;
        if (last != null && !now.isBefore(last.until()) && last.name().equals(name)) {
            name = fresh();
            log.warn("this instance's heartbeat ran out (the store out of reach, or the process held up): it goes on as {}, "
                    + "and answers messages it took in before only once their claims are renewed in the store", name);
        }
        try {
            String beatAs = name;
            store.beat(beatAs, now.plus(LASTS));
            run = new Run(beatAs, now.plus(LASTS));
            // at least this one, should its own beat be counted as already run out (a clock far behind the store's)
            int running = Math.max(1, store.running(now));
            if (running != instances) {
                log.info("{} instance(s) of the bot share this store: each now paces at 1/{} of the platforms' limits",
                        running, running);
                instances = running;
                listeners.forEach(l -> l.accept(running));
            }
        } catch (RuntimeException e) {
            log.warn("could not renew this instance's heartbeat (keeping a share of 1/{}): {}", instances, e.getMessage());
        }
        return instances;
    }

    /**
     * True for a claim under this instance's name while its heartbeat is renewed in time: the others then leave the
     * claim alone. After a break (the store out of reach, or the process held up for longer than {@link #LASTS}) a
     * claim made under the old name may have been ended and its message answered elsewhere.
     */
    @Override
    public boolean holds(String owner, Instant now) {
        Run r = run;
        return r != null && now.isBefore(r.until()) && owner.startsWith(r.name() + "/");
    }

    /**
     * Ends the claims of every other instance whose heartbeat ran out over {@link #TAKEN_OVER_AFTER} ago (it died,
     * or stopped with messages still queued), so recovery answers those messages at its next round, and forgets
     * the instance. Run after each {@link #beat}; any instance may do it, and doing it twice is harmless.
     *
     * @return how many claims were ended
     */
    public long releaseLapsed(InboundDedupStore dedup) {
        Instant cutoff = clock.instant().minus(TAKEN_OVER_AFTER);
        long released = 0;
        try {
            for (String gone : store.lapsedBefore(cutoff)) {
                if (gone.equals(name)) {
                    continue;
                }
                long n = dedup.releaseClaimsOf(gone);
                store.forget(gone, cutoff);
                if (n > 0) {
                    log.info("{} messages claimed by {}, whose heartbeat ran out, are free for recovery now", n, gone);
                }
                released += n;
            }
        } catch (RuntimeException e) {
            log.warn("could not end the claims of instances that stopped: {}", e.getMessage());
        }
        return released;
    }

    /**
     * Leaves the store, so the others take up this instance's share at their next beat (and end the claims of
     * messages left in its queue {@link #TAKEN_OVER_AFTER} later).
     */
    @Override
    public void close() {
        run = null;
        try {
            store.leave(name, clock.instant());
        } catch (RuntimeException e) {
            log.warn("could not remove this instance's heartbeat (it runs out in {} s): {}", LASTS.toSeconds(), e.getMessage());
        }
    }
}
