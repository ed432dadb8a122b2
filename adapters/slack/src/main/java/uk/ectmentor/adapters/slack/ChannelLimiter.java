package uk.ectmentor.adapters.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Slack's posting guideline: about one message a second per channel. Each send reserves the channel's next
 * free slot and is told how long to wait for it. Time comes from the injected clock, so tests never sleep.
 */
final class ChannelLimiter {
    private static final int PRUNE_AT = 10_000;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Instant> nextFree = new HashMap<>();
    private Instant lastNow;

    ChannelLimiter(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** Reserves the channel's next slot; returns how long from now until it (zero when free now). */
    synchronized Duration reserve(String channel) {
        Instant now = clock.instant();
        if (nextFree.size() > PRUNE_AT) {
            nextFree.values().removeIf(t -> t.isBefore(now));
        }
        if (lastNow != null && now.isBefore(lastNow)) {
            nextFree.clear(); // the clock jumped back (NTP, a test resetting it): every reserved slot is stale
        }
        lastNow = now;
        Instant free = nextFree.getOrDefault(channel, now);
        Instant slot = free.isAfter(now) ? free : now;
        nextFree.put(channel, slot.plus(interval));
        return Duration.between(now, slot);
    }

    /** Gives back a reservation that was not used (the send was not attempted). */
    synchronized void release(String channel) {
        Instant free = nextFree.get(channel);
        if (free != null) {
            nextFree.put(channel, free.minus(interval));
        }
    }
}
