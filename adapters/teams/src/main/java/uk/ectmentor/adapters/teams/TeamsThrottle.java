package uk.ectmentor.adapters.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps proactive sends under Teams' limits with room to spare (the SDK has no throttle): per
 * conversation at most 3 a second and 40 in 30 seconds (Teams allows 7 and 60), per tenant at most 30 a
 * second (Teams allows 50). {@link #reserve} books the earliest slot that fits every window and says how
 * long to wait for it; a 429 pauses the conversation for its Retry-After.
 */
final class TeamsThrottle {
    record Window(Duration length, int max) {
    }

    static final List<Window> PER_CONVERSATION = List.of(new Window(Duration.ofSeconds(1), 3), new Window(Duration.ofSeconds(30), 40));
    static final List<Window> PER_TENANT = List.of(new Window(Duration.ofSeconds(1), 30));
    private static final Duration LONGEST = Duration.ofSeconds(30);

    private final Clock clock;
    private final Map<String, List<Instant>> conversations = new HashMap<>();
    private final Map<String, List<Instant>> tenants = new HashMap<>();
    private final Map<String, Instant> pausedUntil = new HashMap<>();

    TeamsThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Books a send to {@code conversation} in {@code tenant}; returns how long to wait before making it. */
    synchronized Duration reserve(String conversation, String tenant) {
        Instant now = clock.instant();
        prune(now);
        List<Instant> conv = conversations.computeIfAbsent(conversation, k -> new ArrayList<>());
        List<Instant> ten = tenants.computeIfAbsent(tenant, k -> new ArrayList<>());
        Instant at = now;
        Instant paused = pausedUntil.get(conversation);
        if (paused != null && paused.isAfter(at)) {
            at = paused;
        }
        for (int round = 0; round < 1000; round++) {
            Instant next = earliest(earliest(at, conv, PER_CONVERSATION), ten, PER_TENANT);
            if (next.equals(at)) {
                break;
            }
            at = next;
        }
        insert(conv, at);
        insert(ten, at);
        return Duration.between(now, at);
    }

    /** The platform said 429: nothing more to this conversation until {@code until}. */
    synchronized void pause(String conversation, Instant until) {
        pausedUntil.merge(conversation, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    private static Instant earliest(Instant at, List<Instant> booked, List<Window> windows) {
        Instant t = at;
        for (Window w : windows) {
            // the bookings inside (t - length, t]; if max or more, move t to just after the oldest one that must leave
            List<Instant> inside = new ArrayList<>();
            for (Instant b : booked) {
                if (b.isAfter(t.minus(w.length())) && !b.isAfter(t)) {
                    inside.add(b);
                }
            }
            if (inside.size() >= w.max()) {
                Instant leaving = inside.get(inside.size() - w.max());
                Instant candidate = leaving.plus(w.length());
                if (candidate.isAfter(t)) {
                    t = candidate;
                }
            }
        }
        return t;
    }

    private static void insert(List<Instant> list, Instant at) {
        int i = list.size();
        while (i > 0 && list.get(i - 1).isAfter(at)) {
            i--;
        }
        list.add(i, at);
    }

    private void prune(Instant now) {
        Instant old = now.minus(LONGEST);
        conversations.values().forEach(l -> l.removeIf(t -> t.isBefore(old)));
        tenants.values().forEach(l -> l.removeIf(t -> t.isBefore(old)));
        conversations.values().removeIf(List::isEmpty);
        tenants.values().removeIf(List::isEmpty);
        pausedUntil.values().removeIf(t -> t.isBefore(now));
    }
}
