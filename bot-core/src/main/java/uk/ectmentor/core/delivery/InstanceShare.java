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
 */
public final class InstanceShare implements AutoCloseable {
    /** How often the app beats. */
    public static final Duration EVERY = Duration.ofSeconds(10);
    /** How long a heartbeat counts: three beats, so one late or failed beat does not drop an instance. */
    public static final Duration LASTS = EVERY.multipliedBy(3);
    private static final Logger log = LoggerFactory.getLogger(InstanceShare.class);

    private final InstanceStore store;
    private final Clock clock;
    private final String name;
    private final List<IntConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile int instances = 1;

    /** {@code name}: this instance's name, unique among those sharing the store (a random suffix is added). */
    public InstanceShare(InstanceStore store, Clock clock, String name) {
        this.store = store;
        this.clock = clock;
        this.name = name + "#" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This instance's name in the store. */
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
        try {
            store.beat(name, now.plus(LASTS));
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

    /** Leaves the store, so the others take up this instance's share at their next beat. */
    @Override
    public void close() {
        try {
            store.leave(name);
        } catch (RuntimeException e) {
            log.warn("could not remove this instance's heartbeat (it runs out in {} s): {}", LASTS.toSeconds(), e.getMessage());
        }
    }
}
