package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.ClaimHolder;
import uk.ectmentor.core.delivery.InboundDedupStore;
import uk.ectmentor.core.delivery.OrderedWork;
import uk.ectmentor.core.delivery.PendingRecovery;
import uk.ectmentor.core.testing.Hold;
import uk.ectmentor.core.testing.MutableClock;
import uk.ectmentor.core.delivery.InboundDedupStore.Pending;

/**
 * Recovery claims messages taken in and never answered: the oldest first, only the platform asked for, only those
 * older than the cut-off and not answered, each by one owner until its lease runs out.
 */
class PendingClaimTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final EmbeddedMongo server = EmbeddedMongo.inMemory();
    private final MongoStorage storage = MongoStorage.connect(server.connectionString(), "claims");
    private final InboundDedupStore store = storage.inboundDedup();

    @AfterEach
    void stop() {
        storage.close();
        server.close();
    }

    private void keep(String key, String platform, Instant at) {
        assertThat(store.accept(new Pending(key, new UserRef(platform, "T1", "U-" + key), "text of " + key, null, at))).isTrue();
    }

    private static List<String> keys(List<Pending> claimed) {
        return claimed.stream().map(Pending::key).toList();
    }

    @Test
    void theOldestAreClaimedFirstAndOnlyThoseOlderThanTheCutOffOnThatPlatformAndNotAnswered() {
        keep("s3", "slack", T0.plusSeconds(30));
        keep("s1", "slack", T0.plusSeconds(10));
        keep("t1", "teams", T0);
        keep("s2", "slack", T0.plusSeconds(20));
        keep("s4", "slack", T0.plusSeconds(200));
        keep("s0", "slack", T0.plusSeconds(5));
        store.handled("s0");

        Instant now = T0.plusSeconds(300);
        assertThat(keys(store.claimUnhandled("slack", T0.plusSeconds(100), now, "a", LEASE, 2))).containsExactly("s1", "s2");
        assertThat(keys(store.claimUnhandled("slack", T0.plusSeconds(100), now, "a", LEASE, 10))).containsExactly("s3");
        assertThat(store.claimUnhandled("slack", T0.plusSeconds(100), now, "b", LEASE, 10)).as("all claimed or too new").isEmpty();
    }

    @Test
    void releasedClaimsAreFreeForRecoveryAtOnceAndAnsweredMessagesStayAnswered() {
        Instant at = T0;
        assertThat(store.accept(new Pending("held", new UserRef("slack", "T1", "U1"), "text", null, at), "gone", LEASE)).isTrue();
        assertThat(store.accept(new Pending("done", new UserRef("slack", "T1", "U2"), "text", null, at), "gone", LEASE)).isTrue();
        store.handled("done");
        Instant restart = T0.plusSeconds(90);
        assertThat(store.claimUnhandled("slack", restart, restart, "new", LEASE, 10)).as("claim still live").isEmpty();

        assertThat(store.releaseClaims()).isEqualTo(1);

        assertThat(keys(store.claimUnhandled("slack", restart, restart, "new", LEASE, 10))).containsExactly("held");
        assertThat(store.claim("done", "new", restart, LEASE)).as("answered before the stop").isFalse();
    }

    @Test
    void aBacklogIsTakenInRoundsOfOneBatchUntilTheQueueIsFullOrNothingIsLeft() throws InterruptedException {
        for (int i = 0; i < 23; i++) {
            keep(String.format("b%02d", i), "slack", T0.plusSeconds(i));
        }
        Clock clock = Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC);
        List<String> answered = Collections.synchronizedList(new ArrayList<>());
        Hold busy = new Hold();
        try (OrderedWork work = new OrderedWork("test-rounds", 1, 16)) {
            assertThat(work.offer("busy", busy)).isTrue();
            assertThat(PendingRecovery.retake(store, "slack", work, clock, ClaimHolder.alone(), "r", Duration.ofMinutes(1), LEASE, MARGIN, 5,
                    p -> answered.add(p.key()))).as("three full rounds, then the queue is full").isEqualTo(15);
            busy.release();
            assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(PendingRecovery.retake(store, "slack", work, clock, ClaimHolder.alone(), "r", Duration.ofMinutes(1), LEASE, MARGIN, 5,
                    p -> answered.add(p.key()))).as("one round short of a batch ends it").isEqualTo(8);
            assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(answered).hasSize(23).doesNotHaveDuplicates();
    }

    @Test
    void aClaimedMessageThatWaitedPastItsClaimIsLeftToTheRecoveryThatTookItOver() throws InterruptedException {
        keep("late", "slack", T0);
        MutableClock clock = new MutableClock(T0.plusSeconds(120));
        List<String> answeredBy = Collections.synchronizedList(new ArrayList<>());
        Hold slow = new Hold();
        try (OrderedWork first = new OrderedWork("test-first", 1, 10); OrderedWork second = new OrderedWork("test-second", 1, 10)) {
            first.submit("U-late", slow); // the first instance's worker is stuck on something slow
            assertThat(PendingRecovery.retake(store, "slack", first, clock, ClaimHolder.alone(), "first", Duration.ofMinutes(1), LEASE, MARGIN, 50,
                    p -> answeredBy.add("first"))).isEqualTo(1);
            clock.advance(LEASE.plusSeconds(1));
            assertThat(PendingRecovery.retake(store, "slack", second, clock, ClaimHolder.alone(), "second", Duration.ofMinutes(1), LEASE, MARGIN, 50,
                    p -> answeredBy.add("second"))).as("the first claim ran out").isEqualTo(1);
            assertThat(second.awaitIdle(Duration.ofSeconds(30))).isTrue();
            slow.release();
            assertThat(first.awaitIdle(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(answeredBy).as("answered once, by the recovery holding it").containsExactly("second");
    }

    @Test
    void recoveryWithAFullQueueTakesNothingAndTakesTheMessageOnceThereIsRoom() throws InterruptedException {
        keep("m1", "slack", T0);
        Instant now = T0.plusSeconds(120);
        Hold busy = new Hold();
        List<String> answered = Collections.synchronizedList(new ArrayList<>());
        try (OrderedWork work = new OrderedWork("test-recovery", 1, 1)) {
            assertThat(work.offer("busy", busy)).isTrue();
            assertThat(work.room()).isZero();

            assertThat(PendingRecovery.retake(store, "slack", work, Clock.fixed(now, ZoneOffset.UTC), ClaimHolder.alone(), "r", Duration.ofMinutes(1), LEASE, MARGIN, 50,
                    p -> answered.add(p.key()))).isZero();
            assertThat(keys(store.claimUnhandled("slack", now, now, "other", LEASE, 10))).as("left unclaimed")
                    .containsExactly("m1");

            busy.release();
            assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();
            Instant later = now.plus(LEASE).plusSeconds(1);
            assertThat(PendingRecovery.retake(store, "slack", work, Clock.fixed(later, ZoneOffset.UTC), ClaimHolder.alone(), "r", Duration.ofMinutes(1), LEASE, MARGIN, 50,
                    p -> answered.add(p.key()))).isEqualTo(1);
            assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(answered).containsExactly("m1");
    }

    @Test
    void aClaimHoldsUntilItsLeaseRunsOutThenAnotherOwnerTakesIt() {
        keep("m1", "teams", T0);
        Instant now = T0.plusSeconds(120);
        assertThat(keys(store.claimUnhandled("teams", now, now, "a", LEASE, 10))).containsExactly("m1");
        assertThat(store.claimUnhandled("teams", now, now.plus(LEASE).minusSeconds(1), "b", LEASE, 10)).isEmpty();
        assertThat(store.claimUnhandled("teams", now, now.plus(LEASE).plusSeconds(1), "b", LEASE, 10))
                .singleElement().satisfies(p -> assertThat(p.text()).isEqualTo("text of m1"));
        store.handled("m1");
        assertThat(store.claimUnhandled("teams", now, now.plus(LEASE.multipliedBy(3)), "c", LEASE, 10)).isEmpty();
    }

    @Test
    void twoInstancesClaimingAtOnceNeverTakeTheSameMessage() throws Exception {
        for (int i = 0; i < 300; i++) {
            keep(String.format("k%03d", i), "slack", T0.plusMillis(i));
        }
        Instant now = T0.plusSeconds(120);
        List<String> taken = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int owner = 0; owner < 4; owner++) {
                String name = "owner-" + owner;
                runs.add(pool.submit(() -> {
                    List<Pending> batch;
                    do {
                        batch = store.claimUnhandled("slack", now, now, name, LEASE, 25);
                        taken.addAll(keys(batch));
                    } while (!batch.isEmpty());
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(taken).hasSize(300).doesNotHaveDuplicates();
    }

    @Test
    void aMessageClaimedByTheInstanceThatTookItInIsLeftAloneUntilItsClaimRunsOutThenRecoveryMayTakeIt() {
        assertThat(store.accept(new Pending("q1", new UserRef("slack", "T1", "U1"), "queued", null, T0), "inbox", Duration.ofMinutes(3))).isTrue();
        keep("q2", "slack", T0);
        Instant later = T0.plus(Duration.ofMinutes(2));
        assertThat(keys(store.claimUnhandled("slack", later, later, "recovery", LEASE, 10))).as("only the unclaimed one").containsExactly("q2");
        assertThat(store.claim("q1", "inbox", later, LEASE)).as("its own claim, renewed").isTrue();
        assertThat(store.claim("q2", "inbox", later, LEASE)).as("recovery holds it").isFalse();

        Instant muchLater = later.plus(LEASE).plusSeconds(1);
        assertThat(keys(store.claimUnhandled("slack", muchLater, muchLater, "recovery", LEASE, 10)))
                .as("both claims ran out (their holders died)").containsExactly("q1", "q2");
        assertThat(store.claim("q1", "inbox", muchLater, LEASE)).as("recovery took it over").isFalse();
        store.handled("q1");
        assertThat(store.claim("q1", "inbox", muchLater.plus(LEASE.multipliedBy(2)), LEASE)).as("already answered").isFalse();
        assertThat(store.claim("never-kept", "inbox", later, LEASE)).as("not recorded (store was down): still answered").isTrue();
    }

    @Test
    void theClaimsOfOneInstanceAreEndedAndNoOtherInstancesEvenWithANameThatStartsTheSame() {
        UserRef u = new UserRef("slack", "T1", "U1");
        assertThat(store.accept(new Pending("a1", u, "text", null, T0), "41@host.a#1/slack-inbox", LEASE)).isTrue();
        assertThat(store.accept(new Pending("a2", u, "text", null, T0), "41@host.a#1/teams-recovery", LEASE)).isTrue();
        assertThat(store.accept(new Pending("b1", u, "text", null, T0), "41@host.a#10/slack-inbox", LEASE)).isTrue();
        assertThat(store.accept(new Pending("c1", u, "text", null, T0), "41@hostxa#1/slack-inbox", LEASE)).isTrue();
        assertThat(store.accept(new Pending("d1", u, "text", null, T0), "41@host.a#1/slack-inbox", LEASE)).isTrue();
        store.handled("d1");

        assertThat(store.releaseClaimsOf("41@host.a#1")).as("a1 and a2: d1 was answered").isEqualTo(2);

        Instant now = T0.plusSeconds(90);
        assertThat(keys(store.claimUnhandled("slack", now, now, "other/slack-recovery", LEASE, 10))).containsExactlyInAnyOrder("a1", "a2");
        assertThat(store.releaseClaimsOf("41@host.a#1")).as("nothing left of it").isZero();
        assertThat(store.releaseClaimsOf("41@host.a")).as("a name is matched whole, up to its slash").isZero();
    }
}
