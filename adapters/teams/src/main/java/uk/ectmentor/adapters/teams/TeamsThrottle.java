package uk.ectmentor.adapters.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps proactive sends under Teams' published limits with a small margin (the SDK has no throttle). Teams
 * allows 50 requests a second per app per tenant and, per conversation, 7 in 1 s, 8 in 2 s, 60 in 30 s and
 * 1,800 in an hour. By default this sends at most 48 a second per tenant, evenly spaced (so jitter on the
 * way cannot bunch a second's sends into the next one), and per conversation 6 in 1 s, 7 in 2 s, 55 in 30 s
 * and 1,700 in an hour ({@link Limits}, configurable). {@link #reserve} books the earliest slot that fits
 * every limit and says how long to wait for it; {@link #gate} then keeps the actual starts in a tenant
 * spaced too; a 429 pauses the conversation for its Retry-After.
 */
final class TeamsThrottle {
    record Window(Duration length, int max) {
    }

    /**
     * What the throttle allows.
     *
     * @param tenantPerSecond sends a second per tenant, spaced evenly
     * @param perConversation sliding windows per conversation
     */
    record Limits(int tenantPerSecond, List<Window> perConversation) {
        static final String DEFAULT_CONVERSATION = "6/1s,7/2s,55/30s,1700/1h";
        static final Limits DEFAULT = new Limits(48, parseWindows(DEFAULT_CONVERSATION));

        Limits {
            if (tenantPerSecond < 1) {
                throw new IllegalArgumentException("BOT_TEAMS_TENANT_PER_SECOND must be at least 1, not " + tenantPerSecond);
            }
            perConversation = List.copyOf(perConversation);
        }

        Duration tenantSpacing() {
            return Duration.ofNanos((1_000_000_000L + tenantPerSecond - 1) / tenantPerSecond); // rounded up: never one too many
        }

        Duration longestWindow() {
            Duration longest = Duration.ofSeconds(1);
            for (Window w : perConversation) {
                if (w.length().compareTo(longest) > 0) {
                    longest = w.length();
                }
            }
            return longest;
        }

        /**
         * Windows written as {@code count/length} separated by commas, the length a number and a unit
         * ({@code s}, {@code m} or {@code h}): {@code 6/1s,7/2s,55/30s,1700/1h}.
         */
        static List<Window> parseWindows(String spec) {
            List<Window> out = new ArrayList<>();
            for (String part : spec.split(",")) {
                String p = part.strip().toLowerCase(Locale.ROOT);
                if (p.isEmpty()) {
                    continue;
                }
                try {
                    int slash = p.indexOf('/');
                    int max = Integer.parseInt(p.substring(0, slash).strip());
                    String len = p.substring(slash + 1).strip();
                    long n = Long.parseLong(len.substring(0, len.length() - 1));
                    Duration length = switch (len.charAt(len.length() - 1)) {
                        case 's' -> Duration.ofSeconds(n);
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        default -> throw new IllegalArgumentException("unit");
                    };
                    if (max < 1 || n < 1) {
                        throw new IllegalArgumentException("not positive");
                    }
                    out.add(new Window(length, max));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("BOT_TEAMS_CONVERSATION_LIMITS: cannot read '" + part.strip()
                            + "'; write each limit as count/length with s, m or h, e.g. " + DEFAULT_CONVERSATION);
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("BOT_TEAMS_CONVERSATION_LIMITS is empty; e.g. " + DEFAULT_CONVERSATION);
            }
            return out;
        }
    }

    private static final Duration PRUNE_EVERY = Duration.ofSeconds(1);
    /** A last start further ahead than this is a clock that went back, not a send to wait for. */
    private static final Duration LONGEST_GATE = Duration.ofSeconds(1);

    private final Clock clock;
    private final Limits limits;
    private Duration spacing;
    private final Duration keep;
    private final Map<String, List<Instant>> conversations = new HashMap<>();
    private final Map<String, List<Instant>> tenants = new HashMap<>();
    private final Map<String, Instant> pausedUntil = new HashMap<>();
    private final Map<String, Instant> nextStart = new HashMap<>();
    private Instant pruned = Instant.MIN;

    TeamsThrottle(Clock clock) {
        this(clock, Limits.DEFAULT);
    }

    TeamsThrottle(Clock clock, Limits limits) {
        this.clock = clock;
        this.limits = limits;
        this.spacing = limits.tenantSpacing();
        this.keep = limits.longestWindow();
    }

    Limits limits() {
        return limits;
    }

    /**
     * {@code instances} share the tenant limit (see {@code InstanceShare}): sends in a tenant are spaced
     * {@code instances} times as far apart. The per-conversation windows stay per instance: one person's
     * conversation is rarely sent to by two instances in the same second.
     */
    synchronized void share(int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("at least one instance, not " + instances);
        }
        spacing = limits.tenantSpacing().multipliedBy(instances);
    }

    synchronized Duration tenantSpacing() {
        return spacing;
    }

    /** Books a send to {@code conversation} in {@code tenant}; returns how long to wait before making it. */
    synchronized Duration reserve(String conversation, String tenant) {
        Instant now = clock.instant();
        prune(now);
        List<Instant> conv = conversations.computeIfAbsent(conversation, k -> new ArrayList<>());
        Instant at = now;
        Instant paused = pausedUntil.get(conversation);
        if (paused != null && paused.isAfter(at)) {
            at = paused;
        }
        List<Instant> ten = tenants.computeIfAbsent(tenant, k -> new ArrayList<>());
        for (int round = 0; round < 1000; round++) {
            Instant next = spaced(earliest(at, conv, limits.perConversation()), ten, spacing);
            if (next.equals(at)) {
                break;
            }
            at = next;
        }
        insert(conv, at);
        insert(ten, at);
        return Duration.between(now, at);
    }

    /**
     * Called just before a booked send goes out: how much longer to wait so that actual starts in a tenant
     * keep the tenant spacing (zero: go now, and it is counted). A thread that woke late for its slot would
     * otherwise bunch up with the next one on the way out. The spacing is kept on a theoretical schedule
     * (GCRA) that tolerates a quarter of a spacing of earliness, so late wake-ups do not add up and slow the pace.
     */
    synchronized Duration gate(String tenant) {
        Instant now = clock.instant();
        Instant due = nextStart.get(tenant);
        if (due != null && due.isAfter(now.plus(LONGEST_GATE))) {
            due = null; // the clock went back
        }
        Instant allowed = due == null ? now : due.minus(spacing.dividedBy(4));
        if (allowed.isAfter(now)) {
            return Duration.between(now, allowed);
        }
        nextStart.put(tenant, (due == null || now.isAfter(due) ? now : due).plus(spacing));
        return Duration.ZERO;
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

    /** The first instant from {@code at} that is at least {@code spacing} from every booking (sorted). */
    private static Instant spaced(Instant at, List<Instant> booked, Duration spacing) {
        Instant t = at;
        for (Instant b : booked) {
            if (!b.plus(spacing).isAfter(t)) {
                continue; // long enough before
            }
            if (!b.isBefore(t.plus(spacing))) {
                break; // long enough after, and so is every later one
            }
            t = b.plus(spacing);
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
        if (now.isBefore(pruned)) {
            // the clock went back (a test resetting it): every booking is stale
            conversations.clear();
            tenants.clear();
            nextStart.clear();
            pausedUntil.clear();
        } else if (now.isBefore(pruned.plus(PRUNE_EVERY))) {
            return;
        }
        pruned = now;
        Instant old = now.minus(keep);
        conversations.values().forEach(l -> l.removeIf(t -> !t.isAfter(old)));
        conversations.values().removeIf(List::isEmpty);
        Instant second = now.minusSeconds(1);
        tenants.values().forEach(l -> l.removeIf(t -> t.isBefore(second)));
        tenants.values().removeIf(List::isEmpty);
        pausedUntil.values().removeIf(t -> t.isBefore(now));
    }
}
