package uk.ectmentor.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.nudges.NudgePreferences;

/** The dispatcher against the embedded store: exactly-once, crashes, misfires, preferences, platform answers. */
class DispatcherTest {
    /** Monday 30 November 2026, 10:00 in London (= UTC in winter). */
    private static final Instant MONDAY_10 = Instant.parse("2026-11-30T10:00:00Z");
    private static final LocalDateTime LOCAL_10 = LocalDateTime.of(2026, 11, 30, 10, 0);

    private final Fixture f = new Fixture(MONDAY_10);

    @AfterEach
    void close() {
        f.close();
    }

    private List<PlannedNudge> oneNudgeEachFor(int pairings, LocalDateTime at) {
        List<PlannedNudge> out = new ArrayList<>();
        for (int i = 0; i < pairings; i++) {
            f.pairing(i);
            out.add(f.meetingNudge(i, at));
        }
        f.store.savePlan(out, f.clock.instant());
        return out;
    }

    private NudgeStore.Status status(PlannedNudge n) {
        return f.store.nudge(n.id()).orElseThrow().status();
    }

    @Test
    void threeInstancesRacingDeliverEachNudgeExactlyOnce() throws Exception {
        int count = 60;
        oneNudgeEachFor(count, LOCAL_10);
        RecordingSender web = new RecordingSender("web");
        List<Dispatcher> instances = List.of(f.dispatcher("a", Duration.ofHours(1), 7, web),
                f.dispatcher("b", Duration.ofHours(1), 7, web), f.dispatcher("c", Duration.ofHours(1), 7, web));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Dispatcher.Report>> runs = new ArrayList<>();
        for (Dispatcher d : instances) {
            runs.add(pool.submit(() -> {
                go.await();
                return d.drain();
            }));
        }
        go.countDown();
        int claimed = 0;
        int sent = 0;
        for (Future<Dispatcher.Report> r : runs) {
            claimed += r.get(60, TimeUnit.SECONDS).claimed();
            sent += r.get().sent();
        }
        pool.shutdown();
        assertThat(web.sent).hasSize(count);
        assertThat(web.countByUser()).hasSize(count).allSatisfy((user, n) -> assertThat(n).isEqualTo(1L));
        assertThat(claimed).isEqualTo(count);
        assertThat(sent).isEqualTo(count);
        assertThat(f.store.all()).allMatch(n -> n.status() == NudgeStore.Status.SENT);
        assertThat(f.store.deliveredCount()).isEqualTo(count);
        // nothing is left for anyone
        assertThat(instances.get(0).drain().claimed()).isZero();
    }

    /** Stands for the process dying: not caught by the dispatcher. */
    static final class Killed extends Error {
    }

    @Test
    void anInstanceKilledMidBatchHasItsClaimsRetakenAfterTheLeaseWithoutASecondSend() {
        List<PlannedNudge> nudges = oneNudgeEachFor(10, LOCAL_10);
        RecordingSender dying = new RecordingSender("web", (to, n) -> {
            if (n == 4) {
                throw new Killed();
            }
            return DeliveryResult.delivered();
        });
        // one after another, so exactly the three before it went out
        Dispatcher a = f.dispatcher("a", Duration.ofHours(1), 50, 1, dying);
        assertThatThrownBy(a::runOnce).isInstanceOf(Killed.class);
        assertThat(dying.sent).hasSize(3);

        RecordingSender web = new RecordingSender("web");
        Dispatcher b = f.dispatcher("b", web);
        // a's claims still hold: b finds nothing to do
        assertThat(b.drain().claimed()).isZero();
        f.clock.advance(Fixture.LEASE.plusSeconds(1));
        Dispatcher.Report report = b.drain();
        assertThat(report.claimed()).isEqualTo(7);
        assertThat(report.sent()).isEqualTo(6);
        // the one a was sending when it died has a delivery record: it is never sent again
        assertThat(report.unconfirmed()).isEqualTo(1);
        List<String> everyone = new ArrayList<>();
        dying.sent.forEach(s -> everyone.add(s.to().userId()));
        web.sent.forEach(s -> everyone.add(s.to().userId()));
        assertThat(everyone).hasSize(9).doesNotHaveDuplicates();
        assertThat(nudges).extracting(this::status).containsOnly(NudgeStore.Status.SENT, NudgeStore.Status.UNCONFIRMED);
    }

    @Test
    void aBatchIsSentConcurrentlyUpToTheLimitAndNothingTwice() throws Exception {
        int count = 12;
        oneNudgeEachFor(count, LOCAL_10);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CountDownLatch allIn = new CountDownLatch(Fixture.CONCURRENCY);
        RecordingSender slow = new RecordingSender("web", (to, n) -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allIn.countDown();
            try {
                // each send waits until CONCURRENCY sends are under way at once: a serial dispatcher never gets here
                if (!allIn.await(20, TimeUnit.SECONDS)) {
                    return DeliveryResult.retryLater(Duration.ofMinutes(1), "sends did not overlap");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return DeliveryResult.delivered();
        });
        Dispatcher.Report report = f.dispatcher("a", Duration.ofHours(1), 50, slow).runOnce();
        assertThat(report.claimed()).isEqualTo(count);
        assertThat(report.sent()).isEqualTo(count);
        assertThat(mostInFlight.get()).isEqualTo(Fixture.CONCURRENCY);
        assertThat(slow.countByUser()).hasSize(count).allSatisfy((user, n) -> assertThat(n).isEqualTo(1L));
        assertThat(f.store.deliveredCount()).isEqualTo(count);
        assertThat(f.store.all()).allMatch(n -> n.status() == NudgeStore.Status.SENT);
    }

    @Test
    void anInstanceKilledWithSendsInFlightStartsNoMoreAndNothingIsSentTwice() {
        List<PlannedNudge> nudges = oneNudgeEachFor(12, LOCAL_10);
        RecordingSender dying = new RecordingSender("web", (to, n) -> {
            if (n == 6) {
                throw new Killed();
            }
            return DeliveryResult.delivered();
        });
        Dispatcher a = f.dispatcher("a", Duration.ofHours(1), 50, dying);
        assertThatThrownBy(a::runOnce).isInstanceOf(Killed.class);
        int byA = dying.sent.size();
        assertThat(byA).isBetween(5, 11);

        RecordingSender web = new RecordingSender("web");
        Dispatcher b = f.dispatcher("b", web);
        assertThat(b.drain().claimed()).isZero();
        f.clock.advance(Fixture.LEASE.plusSeconds(1));
        Dispatcher.Report report = b.drain();
        // the one being sent when a died is never sent again; the rest go out exactly once
        assertThat(report.unconfirmed()).isEqualTo(1);
        assertThat(report.sent()).isEqualTo(11 - byA);
        List<String> everyone = new ArrayList<>();
        dying.sent.forEach(s -> everyone.add(s.to().userId()));
        web.sent.forEach(s -> everyone.add(s.to().userId()));
        assertThat(everyone).hasSize(11).doesNotHaveDuplicates();
        assertThat(nudges).extracting(this::status).containsOnly(NudgeStore.Status.SENT, NudgeStore.Status.UNCONFIRMED);
    }

    @Test
    void aSendConcurrencyBelowOneIsRefusedWithTheVariableToFix() {
        assertThatThrownBy(() -> new Dispatcher.Settings("a", Fixture.LEASE, Duration.ofHours(1), 10, 3, 0))
                .hasMessageContaining("BOT_SCHEDULER_SEND_CONCURRENCY");
    }

    @Test
    void afterTwoHoursDownOnlyNudgesLessThanTheMisfireAgeLateAreSentAndOnlyOnce() {
        for (int i = 0; i < 4; i++) {
            f.pairing(i);
        }
        List<PlannedNudge> nudges = List.of(
                f.meetingNudge(0, LocalDateTime.of(2026, 11, 30, 8, 0)),
                f.meetingNudge(1, LocalDateTime.of(2026, 11, 30, 8, 59)),
                f.meetingNudge(2, LocalDateTime.of(2026, 11, 30, 9, 30)),
                f.meetingNudge(3, LocalDateTime.of(2026, 11, 30, 9, 59)));
        f.store.savePlan(nudges, Instant.parse("2026-11-30T07:00:00Z"));
        // the instance was down from 08:00 to 10:00
        RecordingSender web = new RecordingSender("web");
        Dispatcher restarted = f.dispatcher("a", Duration.ofHours(1), 50, web);
        Dispatcher.Report report = restarted.drain();
        assertThat(report.dropped()).isEqualTo(2);
        assertThat(report.sent()).isEqualTo(2);
        assertThat(web.countByUser()).containsOnlyKeys("m2", "m3");
        assertThat(status(nudges.get(0))).isEqualTo(NudgeStore.Status.DROPPED);
        assertThat(f.store.nudge(nudges.get(1).id()).orElseThrow().detail()).contains("missed by 61 min");
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(restarted.drain().claimed()).isZero();
        assertThat(web.sent).hasSize(2);
    }

    @Test
    void snoozedStoppedAndSkippedPeopleGetNothingAndStartBringsNudgesBack() {
        List<PlannedNudge> nudges = oneNudgeEachFor(4, LOCAL_10);
        var prefs = f.storage.preferences();
        prefs.save(NudgePreferences.defaults("m0").snoozeUntil(java.time.LocalDate.of(2026, 12, 7)));
        prefs.save(NudgePreferences.defaults("m1").stop());
        prefs.save(NudgePreferences.defaults("m2").skipWeek(java.time.LocalDate.of(2026, 11, 30)));
        prefs.save(NudgePreferences.defaults("m3").stop().start());
        RecordingSender web = new RecordingSender("web");
        Dispatcher.Report report = f.dispatcher("a", web).drain();
        assertThat(report.skipped()).isEqualTo(3);
        assertThat(web.countByUser()).containsOnlyKeys("m3");
        assertThat(f.store.nudge(nudges.get(0).id()).orElseThrow().detail()).isEqualTo("snoozed");
        assertThat(f.store.nudge(nudges.get(1).id()).orElseThrow().detail()).isEqualTo("stopped");
        assertThat(f.store.nudge(nudges.get(2).id()).orElseThrow().detail()).isEqualTo("skipped week");
    }

    @Test
    void aNudgeInQuietHoursWaitsUntilTheyEnd() {
        List<PlannedNudge> nudges = oneNudgeEachFor(1, LOCAL_10);
        f.storage.preferences().save(NudgePreferences.defaults("m0").quiet(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(12, 0)));
        RecordingSender web = new RecordingSender("web");
        Dispatcher d = f.dispatcher("a", web);
        assertThat(d.drain().deferred()).isEqualTo(1);
        assertThat(f.store.nudge(nudges.get(0).id()).orElseThrow().due()).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
        f.clock.advance(Duration.ofMinutes(119));
        assertThat(d.drain().claimed()).isZero();
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(d.drain().sent()).isEqualTo(1);
        assertThat(web.sent).hasSize(1);
    }

    @Test
    void retryLaterWaitsForThePlatformsRetryAfter() {
        List<PlannedNudge> nudges = oneNudgeEachFor(1, LOCAL_10);
        RecordingSender limited = new RecordingSender("web",
                (to, n) -> n == 1 ? DeliveryResult.retryLater(Duration.ofSeconds(30), "429") : DeliveryResult.delivered());
        Dispatcher d = f.dispatcher("a", limited);
        assertThat(d.drain().retried()).isEqualTo(1);
        assertThat(status(nudges.get(0))).isEqualTo(NudgeStore.Status.WAITING);
        f.clock.advance(Duration.ofSeconds(29));
        assertThat(d.drain().claimed()).isZero();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(d.drain().sent()).isEqualTo(1);
        assertThat(limited.sent).hasSize(1);
        assertThat(status(nudges.get(0))).isEqualTo(NudgeStore.Status.SENT);
    }

    @Test
    void anUndeliverableIdentityIsMarkedAndNotTriedAgainWhileAnotherPlatformStillWorks() {
        f.pairing(0);
        f.pairing(1);
        f.storage.people().linkIdentity(new UserRef("slack", "T1", "U0"), "m0");
        RecordingSender slack = new RecordingSender("slack", (to, n) -> DeliveryResult.undeliverable("account_inactive"));
        RecordingSender web = new RecordingSender("web", (to, n) -> to.userId().equals("m1")
                ? DeliveryResult.undeliverable("gone") : DeliveryResult.delivered());
        f.store.savePlan(List.of(f.meetingNudge(0, LOCAL_10), f.meetingNudge(1, LOCAL_10)), f.clock.instant());
        Dispatcher d = f.dispatcher("a", slack, web);
        Dispatcher.Report first = d.drain();
        // m0: Slack refuses, the web chat takes it; m1: the only identity refuses
        assertThat(first.sent()).isEqualTo(1);
        assertThat(first.undeliverable()).isEqualTo(1);
        assertThat(web.countByUser()).containsOnlyKeys("m0");
        assertThat(f.store.isUndeliverable(new UserRef("slack", "T1", "U0"))).isTrue();
        // the next nudges: Slack isn't asked again for m0, and m1's is not retried for ever
        f.store.savePlan(List.of(f.meetingNudge(0, LOCAL_10.plusDays(1)), f.meetingNudge(1, LOCAL_10.plusDays(1))), f.clock.instant());
        f.clock.advance(Duration.ofDays(1));
        Dispatcher.Report second = d.drain();
        assertThat(second.sent()).isEqualTo(1);
        assertThat(second.undeliverable()).isEqualTo(1);
        assertThat(slack.calls()).isEqualTo(1);
        assertThat(web.countByUser()).containsEntry("m0", 2L);
        assertThat(f.store.all()).noneMatch(n -> n.status() == NudgeStore.Status.WAITING || n.status() == NudgeStore.Status.PLANNED);
    }

    @Test
    void aPlatformAskingToWaitPastTheMisfireAgeHasTheNudgeDroppedNotSentLate() {
        List<PlannedNudge> nudges = oneNudgeEachFor(1, LOCAL_10);
        RecordingSender slow = new RecordingSender("web",
                (to, n) -> n == 1 ? DeliveryResult.retryLater(Duration.ofMinutes(90), "429") : DeliveryResult.delivered());
        Dispatcher d = f.dispatcher("a", Duration.ofHours(1), 50, slow);
        assertThat(d.drain().dropped()).isEqualTo(1);
        NudgeStore.Nudge n = f.store.nudge(nudges.get(0).id()).orElseThrow();
        assertThat(n.status()).isEqualTo(NudgeStore.Status.DROPPED);
        assertThat(n.detail()).contains("misfire limit").contains("429");
        // before the fix it waited the 90 minutes and then went out, 90 minutes late
        f.clock.advance(Duration.ofMinutes(91));
        assertThat(d.drain().claimed()).isZero();
        assertThat(slow.sent).isEmpty();
        assertThat(slow.calls()).isEqualTo(1);
    }

    @Test
    void manyShortRetryAftersDoNotUseUpANudgeThatIsStillOnTime() {
        List<PlannedNudge> nudges = oneNudgeEachFor(1, LOCAL_10);
        // more "wait 5 s" answers than the fixture's 3 attempts: before the fix the nudge was given up after 3
        RecordingSender limited = new RecordingSender("web",
                (to, n) -> n <= 8 ? DeliveryResult.retryLater(Duration.ofSeconds(5), "429") : DeliveryResult.delivered());
        Dispatcher d = f.dispatcher("a", limited);
        for (int i = 0; i < 20 && limited.sent.isEmpty(); i++) {
            d.drain();
            f.clock.advance(Duration.ofSeconds(5));
        }
        assertThat(limited.calls()).isEqualTo(9);
        assertThat(limited.sent).hasSize(1);
        NudgeStore.Nudge n = f.store.nudge(nudges.get(0).id()).orElseThrow();
        assertThat(n.status()).isEqualTo(NudgeStore.Status.SENT);
        assertThat(n.plannedDue()).isEqualTo(MONDAY_10);
    }

    @Test
    void aPlatformDownForLongerThanTheMisfireAgeIsRetriedUntilThenAndTheNudgeDropped() {
        List<PlannedNudge> nudges = oneNudgeEachFor(1, LOCAL_10);
        RecordingSender down = new RecordingSender("web", (to, n) -> DeliveryResult.retryLater(null, "HTTP 503"));
        Dispatcher d = f.dispatcher("a", Duration.ofMinutes(10), 50, down);
        int dropped = 0;
        for (int minute = 0; minute <= 15; minute++) {
            dropped += d.drain().dropped();
            f.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(dropped).isEqualTo(1);
        // tried each minute (the default wait) from 10:00 to 10:10, never once the nudge would be late
        assertThat(down.calls()).isEqualTo(11);
        assertThat(f.store.nudge(nudges.get(0).id()).orElseThrow().status()).isEqualTo(NudgeStore.Status.DROPPED);
    }

    @Test
    void aNudgeWaitingOutQuietHoursIsLateFromTheirEndNotFromItsPlannedTime() {
        List<PlannedNudge> nudges = oneNudgeEachFor(1, LOCAL_10);
        f.storage.preferences().save(NudgePreferences.defaults("m0").quiet(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(12, 0)));
        RecordingSender web = new RecordingSender("web",
                (to, n) -> n == 1 ? DeliveryResult.retryLater(Duration.ofMinutes(30), "429") : DeliveryResult.delivered());
        Dispatcher d = f.dispatcher("a", Duration.ofHours(1), 50, web);
        assertThat(d.drain().deferred()).isEqualTo(1);
        f.clock.advance(Duration.ofHours(2));
        // 12:00: the platform asks for half an hour, still within the hour after the quiet hours ended
        assertThat(d.drain().retried()).isEqualTo(1);
        f.clock.advance(Duration.ofMinutes(30));
        assertThat(d.drain().sent()).isEqualTo(1);
        assertThat(f.store.nudge(nudges.get(0).id()).orElseThrow().status()).isEqualTo(NudgeStore.Status.SENT);
    }

    @Test
    void anErrorInsideTheBotIsRetriedAMinuteLaterUpToTheAttemptsLimit() {
        List<PlannedNudge> nudges = oneNudgeEachFor(1, LOCAL_10);
        uk.ectmentor.core.nudges.PreferencesStore broken = new uk.ectmentor.core.nudges.PreferencesStore() {
            @Override
            public NudgePreferences get(String personId) {
                throw new IllegalStateException("preferences unreadable");
            }

            @Override
            public void save(NudgePreferences preferences) {
            }
        };
        RecordingSender web = new RecordingSender("web");
        Dispatcher d = new Dispatcher(f.store, f.storage.people(), broken, f.calendars,
                new NudgeComposer(f.storage.people(), f.content, f.storage.actions(), uk.ectmentor.core.nudges.NudgeInputs.NONE),
                List.of(web), f.clock, new Dispatcher.Settings("a", Fixture.LEASE, Duration.ofHours(1), 50, 3));
        int retried = 0;
        for (int minute = 0; minute < 10; minute++) {
            retried += d.drain().retried();
            f.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(retried).isEqualTo(2);
        NudgeStore.Nudge n = f.store.nudge(nudges.get(0).id()).orElseThrow();
        assertThat(n.status()).isEqualTo(NudgeStore.Status.FAILED);
        assertThat(n.detail()).contains("gave up after 3 attempts").contains("IllegalStateException");
        assertThat(web.calls()).isZero();
    }

    @Test
    void aBatchSlowedByThePlatformPastItsLeaseLosesNoNudgeToTheInstanceThatTakesOver() {
        int count = 40;
        oneNudgeEachFor(count, LOCAL_10);
        Instant platformBack = Instant.parse("2026-11-30T10:20:00Z");
        List<Dispatcher> other = new ArrayList<>();
        boolean[] tookOver = {false};
        // each send spends 10 s in the sender's own back-off, and the platform says "later" until 10:20
        RecordingSender slow = new RecordingSender("web", (to, n) -> {
            f.clock.advance(Duration.ofSeconds(10));
            if (f.clock.instant().isAfter(MONDAY_10.plus(Fixture.LEASE)) && !tookOver[0]) {
                tookOver[0] = true;
                other.get(0).runOnce(); // a's claims have run out: b takes them over while a is still going
            }
            return f.clock.instant().isBefore(platformBack) ? DeliveryResult.retryLater(Duration.ofSeconds(2), "503")
                    : DeliveryResult.delivered();
        });
        Dispatcher a = f.dispatcher("a", Duration.ofHours(1), 50, slow);
        other.add(f.dispatcher("b", Duration.ofHours(1), 50, slow));
        a.runOnce();
        assertThat(tookOver[0]).isTrue();
        for (int i = 0; i < 100; i++) {
            f.clock.advance(Duration.ofSeconds(5));
            a.drain();
            other.get(0).drain();
        }
        // before the fix, a finished the nudges b had already put back for a retry as UNCONFIRMED: 8 never sent
        assertThat(f.store.all()).extracting(NudgeStore.Nudge::status).containsOnly(NudgeStore.Status.SENT);
        assertThat(slow.countByUser()).hasSize(count).allSatisfy((user, n) -> assertThat(n).isEqualTo(1L));
    }
}
