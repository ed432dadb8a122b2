package uk.ectmentor.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ectmentor.core.calendar.SchoolCalendar;
import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.Sender;
import uk.ectmentor.core.nudges.NudgePreferences;
import uk.ectmentor.core.nudges.PreferencesStore;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.School;

/**
 * Sends due nudges. Each run claims a batch (a lease held by this instance's {@code owner}), then for each:
 * drops it if it is more than the misfire age late (logged, never a burst of stale nudges), applies the
 * person's preferences (stopped, paused, snoozed, skipped week: skip; quiet hours: wait), records the
 * attempt under its unique key (nudge, due time) and only then sends it through the {@link Sender} for the
 * platform of the person's first reachable identity. RETRY_LATER waits for the platform's retry-after, for
 * as long as the nudge stays within the misfire age of when it was meant to go (its planned time, or the end
 * of the quiet hours it waited for: a retry never moves that); past it the nudge is dropped and logged.
 * UNDELIVERABLE marks the identity and moves on to the person's next one. An error inside the bot is retried
 * a minute later, at most {@code maxAttempts} claims in all.
 *
 * <p>The nudges of a batch are handled concurrently, at most {@code sendConcurrency} at a time, so platform
 * round trips and pacing waits overlap; each nudge still keeps its own lease and its unique delivery record
 * written before the send. An {@link Error} in one (the process dying) lets the running ones finish, starts
 * no more, and is thrown from {@link #runOnce()} or {@link #drain()}: the unstarted claims come back after
 * their lease.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration DEFAULT_RETRY = Duration.ofMinutes(1);

    /**
     * Settings of one dispatcher.
     *
     * @param sendConcurrency how many nudges of a batch are handled at once (1: one after another)
     */
    public record Settings(String owner, Duration lease, Duration misfireMaxAge, int batchSize, int maxAttempts,
                           int sendConcurrency) {
        public Settings {
            if (sendConcurrency < 1) {
                throw new IllegalArgumentException("send concurrency must be at least 1, not " + sendConcurrency
                        + " (BOT_SCHEDULER_SEND_CONCURRENCY)");
            }
        }

        /** Settings that handle a batch one nudge after another. */
        public Settings(String owner, Duration lease, Duration misfireMaxAge, int batchSize, int maxAttempts) {
            this(owner, lease, misfireMaxAge, batchSize, maxAttempts, 1);
        }
    }

    /** What one run did. */
    public record Report(int claimed, int sent, int dropped, int skipped, int deferred, int retried, int undeliverable,
                         int unconfirmed) {
        Report plus(Report o) {
            return new Report(claimed + o.claimed, sent + o.sent, dropped + o.dropped, skipped + o.skipped,
                    deferred + o.deferred, retried + o.retried, undeliverable + o.undeliverable, unconfirmed + o.unconfirmed);
        }

        static final Report NONE = new Report(0, 0, 0, 0, 0, 0, 0, 0);
    }

    private final NudgeStore store;
    private final PeopleStore people;
    private final PreferencesStore preferences;
    private final SchoolCalendars calendars;
    private final NudgeComposer composer;
    private final Map<String, Sender> senders = new LinkedHashMap<>();
    private final Clock clock;
    private final Settings settings;

    public Dispatcher(NudgeStore store, PeopleStore people, PreferencesStore preferences, SchoolCalendars calendars,
                      NudgeComposer composer, List<Sender> senders, Clock clock, Settings settings) {
        this.store = store;
        this.people = people;
        this.preferences = preferences;
        this.calendars = calendars;
        this.composer = composer;
        for (Sender s : senders) {
            this.senders.putIfAbsent(s.platform(), s);
        }
        this.clock = clock;
        this.settings = settings;
    }

    public String owner() {
        return settings.owner();
    }

    /**
     * Runs batches until nothing is due (bounded, so one run cannot go on for ever). With a send concurrency
     * above 1 it claims in small batches (two per sender, at most the batch size), the next while a round
     * of the one before is still queued, so the senders never stand idle while a batch is claimed, and an
     * instance holds few claims beyond what it is sending (with several instances, none sits on a backlog
     * while another has nothing left).
     */
    public Report drain() {
        if (settings.sendConcurrency() <= 1) {
            Report total = Report.NONE;
            for (int i = 0; i < 1000; i++) {
                Report r = runOnce();
                total = total.plus(r);
                if (r.claimed() == 0) {
                    break;
                }
            }
            return total;
        }
        // small claims, made while a round of sends is still queued, keep every sender busy
        int chunk = Math.min(settings.batchSize(), 2 * settings.sendConcurrency());
        try (Run run = new Run(settings.sendConcurrency())) {
            for (int i = 0; i < 1000 * Math.max(1, settings.batchSize() / chunk) && !run.stopped(); i++) {
                List<NudgeStore.Nudge> batch = store.claim(settings.owner(), clock.instant(), settings.lease(), chunk);
                if (batch.isEmpty()) {
                    break;
                }
                run.submit(batch);
                run.awaitFewerQueuedThan(settings.sendConcurrency());
            }
            return run.finish();
        }
    }

    /** Claims one batch of due nudges and handles them, up to {@code sendConcurrency} at a time. */
    public Report runOnce() {
        List<NudgeStore.Nudge> batch = store.claim(settings.owner(), clock.instant(), settings.lease(), settings.batchSize());
        int threads = Math.min(settings.sendConcurrency(), batch.size());
        if (threads <= 1) {
            int[] c = new int[8];
            c[0] = batch.size();
            for (NudgeStore.Nudge n : batch) {
                c[handleOne(n).ordinal() + 1]++;
            }
            return new Report(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
        }
        try (Run run = new Run(threads)) {
            run.submit(batch);
            return run.finish();
        }
    }

    /**
     * Claimed nudges being handled on a bounded pool. An {@link Error} or a failure outside a nudge's own
     * handling (the store gone) stops it: running nudges finish, queued ones are not started (their claims
     * come back after the lease), nothing more is claimed, and {@link #finish} throws it.
     */
    private final class Run implements AutoCloseable {
        private final ExecutorService pool;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Future<Outcome>> running = new ArrayList<>();
        private int claimed;
        private int started;

        Run(int threads) {
            AtomicInteger names = new AtomicInteger();
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "dispatch-" + settings.owner() + "-" + names.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        void submit(List<NudgeStore.Nudge> batch) {
            synchronized (this) {
                claimed += batch.size();
            }
            for (NudgeStore.Nudge n : batch) {
                running.add(pool.submit(() -> {
                    began();
                    if (stop.get()) {
                        return null;
                    }
                    try {
                        return handleOne(n);
                    } catch (RuntimeException | Error e) {
                        stop.set(true);
                        wake(); // a waiting claimer sees the stop
                        throw e;
                    }
                }));
            }
        }

        boolean stopped() {
            return stop.get();
        }

        private synchronized void began() {
            started++;
            notifyAll();
        }

        private synchronized void wake() {
            notifyAll();
        }

        /** Waits until fewer than {@code n} claimed nudges wait for a thread (or the run stopped). */
        synchronized void awaitFewerQueuedThan(int n) {
            while (claimed - started >= n && !stop.get()) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.set(true);
                }
            }
        }

        Report finish() {
            int[] c = new int[8];
            synchronized (this) {
                c[0] = claimed;
            }
            Throwable fatal = null;
            boolean interrupted = false;
            for (Future<Outcome> f : running) {
                try {
                    Outcome o = interrupted ? null : f.get();
                    if (o != null) {
                        c[o.ordinal() + 1]++;
                    }
                } catch (ExecutionException e) {
                    stop.set(true);
                    if (fatal == null) {
                        fatal = e.getCause();
                    }
                } catch (InterruptedException e) {
                    stop.set(true);
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (fatal instanceof Error) {
                throw (Error) fatal;
            }
            if (fatal instanceof RuntimeException) {
                throw (RuntimeException) fatal;
            }
            return new Report(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
        }

        @Override
        public void close() {
            pool.shutdown();
        }
    }

    /** Handles one nudge; an error inside the bot is retried a minute later, at most {@code maxAttempts} claims in all. */
    private Outcome handleOne(NudgeStore.Nudge n) {
        try {
            return handle(n);
        } catch (RuntimeException e) {
            if (n.attempts() >= settings.maxAttempts()) {
                log.warn("nudge {} failed {} times, giving up: {}", n.id(), n.attempts(), e.toString());
                store.finish(n, settings.owner(), NudgeStore.Status.FAILED, "gave up after " + n.attempts() + " attempts: "
                        + e.getClass().getSimpleName(), clock.instant());
                return Outcome.UNDELIVERABLE;
            }
            log.warn("nudge {} failed, will retry: {}", n.id(), e.toString());
            store.reschedule(n, settings.owner(), clock.instant().plus(DEFAULT_RETRY), "error: " + e.getClass().getSimpleName(), clock.instant());
            return Outcome.RETRIED;
        }
    }

    private enum Outcome { SENT, DROPPED, SKIPPED, DEFERRED, RETRIED, UNDELIVERABLE, UNCONFIRMED }

    private Outcome handle(NudgeStore.Nudge n) {
        Instant now = clock.instant();
        String owner = settings.owner();
        Duration late = Duration.between(onTime(n), now);
        if (late.compareTo(settings.misfireMaxAge()) > 0) {
            log.info("dropped nudge {} ({}): {} min late, more than the misfire limit of {} min",
                    n.id(), n.kind().code(), late.toMinutes(), settings.misfireMaxAge().toMinutes());
            store.finish(n, owner, NudgeStore.Status.DROPPED, "missed by " + late.toMinutes() + " min", now);
            return Outcome.DROPPED;
        }
        Optional<Person> person = people.person(n.personId());
        if (person.isEmpty()) {
            store.finish(n, owner, NudgeStore.Status.DROPPED, "person gone", now);
            return Outcome.DROPPED;
        }
        ZoneId zone = people.school(person.get().schoolId()).map(School::zone).orElse(ZoneId.of("Europe/London"));
        School school = new School(person.get().schoolId(), "", zone);
        SchoolCalendar calendar = calendars.forSchool(school);
        LocalDateTime localNow = LocalDateTime.ofInstant(now, zone);
        if (calendar.isHoliday(localNow.toLocalDate())) {
            store.finish(n, owner, NudgeStore.Status.SKIPPED, "holiday", now);
            return Outcome.SKIPPED;
        }
        NudgePreferences.Verdict verdict = preferences.get(n.personId()).verdict(localNow);
        if (verdict.kind() == NudgePreferences.Verdict.Kind.SKIP) {
            store.finish(n, owner, NudgeStore.Status.SKIPPED, verdict.reason(), now);
            return Outcome.SKIPPED;
        }
        if (verdict.kind() == NudgePreferences.Verdict.Kind.DEFER) {
            store.defer(n, owner, verdict.deferTo().atZone(zone).toInstant(), verdict.reason(), now);
            return Outcome.DEFERRED;
        }
        Optional<List<Message>> messages = composer.compose(n);
        if (messages.isEmpty()) {
            store.finish(n, owner, NudgeStore.Status.SKIPPED, "nothing to say", now);
            return Outcome.SKIPPED;
        }
        List<UserRef> reachable = new ArrayList<>();
        for (UserRef ref : people.identitiesOf(n.personId())) {
            if (senders.containsKey(ref.platform()) && !store.isUndeliverable(ref)) {
                reachable.add(ref);
            }
        }
        if (reachable.isEmpty()) {
            store.finish(n, owner, NudgeStore.Status.UNDELIVERABLE, "no reachable identity", now);
            return Outcome.UNDELIVERABLE;
        }
        Optional<NudgeStore.AttemptState> earlier = store.beginAttempt(n, owner, now);
        if (earlier.isPresent()) {
            // another instance began this very attempt (and maybe died): never send it twice. Our claim may be
            // stale (a batch slowed by the platform outlived its lease, and the instance that took the nudge
            // over has already rescheduled or sent it): then the nudge is not ours to finish.
            Optional<NudgeStore.Nudge> current = store.nudge(n.id());
            if (current.isEmpty() || current.get().status() != NudgeStore.Status.CLAIMED
                    || !owner.equals(current.get().owner()) || !n.due().equals(current.get().due())) {
                return Outcome.SKIPPED;
            }
            if (earlier.get() == NudgeStore.AttemptState.RETRY) {
                // that attempt ended undelivered and its instance did not put the nudge back: try again
                store.reschedule(n, owner, now.plus(DEFAULT_RETRY), "retry: an earlier attempt was not delivered", now);
                return Outcome.RETRIED;
            }
            boolean delivered = earlier.get() == NudgeStore.AttemptState.DELIVERED;
            store.finish(n, owner, delivered ? NudgeStore.Status.SENT : NudgeStore.Status.UNCONFIRMED,
                    "attempt already recorded: " + earlier.get(), now);
            return delivered ? Outcome.SKIPPED : Outcome.UNCONFIRMED;
        }
        for (UserRef ref : reachable) {
            DeliveryResult result;
            try {
                result = senders.get(ref.platform()).send(ref, messages.get());
            } catch (RuntimeException e) {
                result = DeliveryResult.retryLater(DEFAULT_RETRY, e.getClass().getSimpleName());
            }
            Instant after = clock.instant();
            switch (result.outcome()) {
                case DELIVERED -> {
                    store.endAttempt(n, NudgeStore.AttemptState.DELIVERED, ref.platform(), after);
                    store.finish(n, owner, NudgeStore.Status.SENT, ref.platform(), after);
                    return Outcome.SENT;
                }
                case RETRY_LATER -> {
                    store.endAttempt(n, NudgeStore.AttemptState.RETRY, ref.platform(), after);
                    Duration wait = result.retryAfter() == null || result.retryAfter().isNegative() ? DEFAULT_RETRY : result.retryAfter();
                    Instant next = after.plus(wait);
                    // bounded by time, not by a count: a platform asking again and again to wait a few seconds
                    // must not use up the nudge, and one asking to wait past the misfire age must not send it late
                    if (Duration.between(onTime(n), next).compareTo(settings.misfireMaxAge()) > 0) {
                        log.info("dropped nudge {} ({}): {} asked to wait until {}, more than the misfire limit of {} min after it was due ({})",
                                n.id(), n.kind().code(), ref.platform(), next, settings.misfireMaxAge().toMinutes(), result.detail());
                        store.finish(n, owner, NudgeStore.Status.DROPPED, "platform unavailable until past the misfire limit: "
                                + result.detail(), after);
                        return Outcome.DROPPED;
                    }
                    store.reschedule(n, owner, next, "retry: " + result.detail(), after);
                    return Outcome.RETRIED;
                }
                case UNDELIVERABLE -> {
                    log.info("identity {} on {} is undeliverable: {}", ref.userId(), ref.platform(), result.detail());
                    store.markUndeliverable(ref, result.detail(), after);
                }
            }
        }
        Instant end = clock.instant();
        store.endAttempt(n, NudgeStore.AttemptState.UNDELIVERABLE, null, end);
        store.finish(n, owner, NudgeStore.Status.UNDELIVERABLE, "every identity undeliverable", end);
        return Outcome.UNDELIVERABLE;
    }

    /** When the nudge was meant to go: its planned time, or the end of the quiet hours it waited for; retries move only its due. */
    private static Instant onTime(NudgeStore.Nudge n) {
        return n.plannedDue() == null ? n.due() : n.plannedDue();
    }
}
