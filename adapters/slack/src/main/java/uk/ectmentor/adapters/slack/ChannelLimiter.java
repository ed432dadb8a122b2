package uk.ectmentor.adapters.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack's posting limits: about one message a second per channel, and a workspace-wide pace (Slack says
 * "several hundred a minute"; see {@link SlackConfiguration}). Each send books a slot that is free on its
 * channel and at least the workspace spacing from every other booked send, and is told how long to wait
 * for it. The same class paces one Web API method on its own (a single key, such as Tier 3's
 * {@code conversations.open}). Time comes from the injected clock, so tests never sleep.
 *
 * <p>A channel's next slot is also kept at least one interval after the previous post to it came back
 * ({@link #done}), so a late start on the way out cannot bring two posts to one channel closer than the
 * interval when they reach Slack.
 */
final class ChannelLimiter {
    private static final int PRUNE_AT = 10_000;
    private final Clock clock;
    private final Duration interval;
    private final int workspacePerMinute;
    private Duration workspaceSpacing;
    private final Map<String, Instant> nextFree = new HashMap<>();
    private final Map<String, Instant> lastDone = new HashMap<>();
    private final List<Instant> workspace = new ArrayList<>();
    private Instant lastNow;

    /** What a booking attempt gave: the wait, and whether the slot was booked (false: the wait was too long). */
    record Slot(Duration delay, boolean booked) {
    }

    /** Per-channel pacing only. */
    ChannelLimiter(Clock clock, Duration interval) {
        this(clock, interval, 0);
    }

    /**
     * @param workspacePerMinute the most sends a minute across every channel, evenly spaced; 0 for no such limit
     */
    ChannelLimiter(Clock clock, Duration interval, int workspacePerMinute) {
        if (workspacePerMinute < 0) {
            throw new IllegalArgumentException("a pace per minute cannot be negative: " + workspacePerMinute);
        }
        this.clock = clock;
        this.interval = interval;
        this.workspacePerMinute = workspacePerMinute;
        this.workspaceSpacing = spacing(workspacePerMinute, 1);
    }

    /** Even spacing for {@code perMinute} a minute shared by {@code instances}; rounded up, so a minute never holds one too many. */
    private static Duration spacing(int perMinute, int instances) {
        return perMinute == 0 ? Duration.ZERO : Duration.ofNanos((60_000_000_000L * instances + perMinute - 1) / perMinute);
    }

    Clock clock() {
        return clock;
    }

    synchronized Duration workspaceSpacing() {
        return workspaceSpacing;
    }

    /**
     * {@code instances} share the workspace pace (see {@code InstanceShare}): this one takes 1/{@code instances} of
     * it. The per-channel interval stays per instance: a channel is rarely posted to by two instances in one second.
     */
    synchronized void share(int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("at least one instance, not " + instances);
        }
        workspaceSpacing = spacing(workspacePerMinute, instances);
    }

    /** Reserves the channel's next slot; returns how long from now until it (zero when free now). */
    synchronized Duration reserve(String channel) {
        return book(channel, null, null).delay();
    }

    /** Books the channel's next slot only if it is at most {@code longest} away; says how far away it is. */
    synchronized Slot tryReserve(String channel, Duration longest) {
        return book(channel, longest, longest);
    }

    /**
     * As {@link #tryReserve(String, Duration)}, and only if the channel itself frees up within
     * {@code longestForChannel}: a wait in the workspace's queue is a fair turn, a wait for one busy channel
     * holds a sender that could serve other channels meanwhile.
     */
    synchronized Slot tryReserve(String channel, Duration longest, Duration longestForChannel) {
        return book(channel, longest, longestForChannel);
    }

    /** A post to {@code channel} came back: the channel's next post starts at least one interval from now. */
    synchronized void done(String channel) {
        Instant now = clock.instant();
        lastDone.put(channel, now);
        Instant after = now.plus(interval);
        nextFree.merge(channel, after, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * How much longer to wait, after a booked slot's pause, so that the post starts at least one interval
     * after the previous post to the channel came back (zero when it already does).
     */
    synchronized Duration settle(String channel) {
        Instant done = lastDone.get(channel);
        if (done == null) {
            return Duration.ZERO;
        }
        Duration more = Duration.between(clock.instant(), done.plus(interval));
        return more.isNegative() ? Duration.ZERO : more;
    }

    private Slot book(String channel, Duration longest, Duration longestForChannel) {
        Instant now = clock.instant();
        if (lastNow != null && now.isBefore(lastNow)) {
            // the clock jumped back (NTP, a test resetting it): every reserved slot is stale
            nextFree.clear();
            lastDone.clear();
            workspace.clear();
        }
        lastNow = now;
        if (nextFree.size() > PRUNE_AT) {
            nextFree.values().removeIf(t -> t.isBefore(now));
            lastDone.values().removeIf(t -> t.plus(interval).isBefore(now));
        }
        Instant old = now.minus(workspaceSpacing);
        workspace.removeIf(t -> t.isBefore(old));
        Instant free = nextFree.getOrDefault(channel, now);
        Instant slot = spaced(free.isAfter(now) ? free : now);
        Duration wait = Duration.between(now, slot);
        if (longest != null && wait.compareTo(longest) > 0
                || longestForChannel != null && Duration.between(now, free).compareTo(longestForChannel) > 0) {
            return new Slot(wait, false);
        }
        nextFree.put(channel, slot.plus(interval));
        if (!workspaceSpacing.isZero()) {
            int i = workspace.size();
            while (i > 0 && workspace.get(i - 1).isAfter(slot)) {
                i--;
            }
            workspace.add(i, slot);
        }
        return new Slot(wait, true);
    }

    /** The first instant from {@code at} at least the workspace spacing from every booked send (kept sorted). */
    private Instant spaced(Instant at) {
        Instant t = at;
        if (workspaceSpacing.isZero()) {
            return t;
        }
        for (Instant b : workspace) {
            if (!b.plus(workspaceSpacing).isAfter(t)) {
                continue;
            }
            if (!b.isBefore(t.plus(workspaceSpacing))) {
                break;
            }
            t = b.plus(workspaceSpacing);
        }
        return t;
    }
}
