package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.InboundDedupStore;
import uk.ectmentor.core.delivery.InboundDedupStore.Pending;
import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.delivery.InstanceStore;
import uk.ectmentor.core.delivery.OrderedWork;
import uk.ectmentor.core.delivery.PendingRecovery;
import uk.ectmentor.core.testing.Hold;
import uk.ectmentor.core.testing.MutableClock;

/**
 * Instances on one store find each other by their heartbeats and each paces at its share of the platforms'
 * limits: a second instance halves the first one's share, and the share comes back when it leaves or dies. The
 * claims of one whose heartbeat ran out are ended by the others two minutes later, and it never answers a message
 * it held before a break in its heartbeat without asking the store.
 */
class InstanceShareTest {
    private final EmbeddedMongo server = EmbeddedMongo.inMemory();
    private final MongoStorage storage = MongoStorage.connect(server.connectionString(), "instances");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration MARGIN = Duration.ofSeconds(90);

    @AfterEach
    void stop() {
        storage.close();
        server.close();
    }

    @Test
    void aSecondInstanceHalvesTheFirstOnesShareUntilItLeaves() {
        InstanceShare first = new InstanceShare(storage.instances(), clock, "host-a");
        List<Integer> heard = new ArrayList<>();
        first.onChange(heard::add);
        assertThat(first.beat()).isEqualTo(1);

        InstanceShare second = new InstanceShare(storage.instances(), clock, "host-b");
        assertThat(second.beat()).isEqualTo(2);
        assertThat(first.instances()).as("not until its next beat").isEqualTo(1);
        clock.advance(InstanceShare.EVERY);
        assertThat(first.beat()).isEqualTo(2);
        assertThat(first.beat()).isEqualTo(2);

        second.close();
        assertThat(first.beat()).isEqualTo(1);
        assertThat(heard).as("told at once, then on each change only").containsExactly(1, 2, 1);
    }

    @Test
    void twoProcessesOnOneHostAreTwoInstances() {
        InstanceShare one = new InstanceShare(storage.instances(), clock, "same-host");
        InstanceShare two = new InstanceShare(storage.instances(), clock, "same-host");
        assertThat(one.name()).isNotEqualTo(two.name());
        one.beat();
        assertThat(two.beat()).isEqualTo(2);
    }

    @Test
    void anInstanceThatDiedDropsOutWhenItsHeartbeatRunsOut() {
        InstanceShare live = new InstanceShare(storage.instances(), clock, "live");
        InstanceShare dead = new InstanceShare(storage.instances(), clock, "dead");
        dead.beat();
        assertThat(live.beat()).isEqualTo(2);

        clock.advance(InstanceShare.LASTS.minusSeconds(1));
        assertThat(live.beat()).as("a beat or two late is still running").isEqualTo(2);
        clock.advance(InstanceShare.LASTS);
        assertThat(live.beat()).isEqualTo(1);

        assertThat(storage.instances().forgetBefore(clock.instant())).as("the dead one's record").isEqualTo(1);
        assertThat(storage.instances().running(clock.instant())).isEqualTo(1);
    }

    @Test
    void withTheStoreUnreachableTheLastShareStands() {
        InstanceStore flaky = new InstanceStore() {
            boolean down;
            int beats;

            @Override
            public void beat(String instance, Instant until) {
                if (down) {
                    throw new IllegalStateException("the store is not answering");
                }
                beats++;
            }

            @Override
            public int running(Instant now) {
                down = beats >= 1;
                return 3;
            }

            @Override
            public void leave(String instance, Instant at) {
                throw new IllegalStateException("the store is not answering");
            }

            @Override
            public List<String> lapsedBefore(Instant cutoff) {
                throw new IllegalStateException("the store is not answering");
            }

            @Override
            public boolean forget(String instance, Instant cutoff) {
                throw new IllegalStateException("the store is not answering");
            }

            @Override
            public long forgetBefore(Instant cutoff) {
                return 0;
            }
        };
        InstanceShare share = new InstanceShare(flaky, clock, "here");
        assertThat(share.beat()).isEqualTo(3);
        String owner = share.owner("teams-inbox");
        assertThat(share.beat()).as("the store went down after the first beat").isEqualTo(3);
        assertThat(share.holds(owner, clock.instant())).as("until its last beat runs out").isTrue();
        clock.advance(InstanceShare.LASTS);
        assertThat(share.holds(owner, clock.instant())).as("the others may end its claims from now on").isFalse();
        String before = share.name();
        share.beat();
        String after = share.name();
        assertThat(after).as("a new name for what it claims from now on").isNotEqualTo(before);
        clock.advance(InstanceShare.EVERY);
        share.beat();
        assertThat(share.name()).as("one new name a break, however long").isEqualTo(after);
        assertThat(share.releaseLapsed(storage.inboundDedup())).as("logged, not thrown").isZero();
        share.close(); // logged, not thrown: its heartbeat runs out by itself
    }

    @Test
    void aClaimStandsWithoutAskingTheStoreOnlyWhileTheHeartbeatIsUnbrokenAndAfterABreakTheInstanceHasANewName() {
        InstanceShare share = new InstanceShare(storage.instances(), clock, "here");
        String owner = share.owner("slack-inbox");
        assertThat(owner).isEqualTo(share.name() + "/slack-inbox").startsWith("here#");
        assertThat(share.holds(owner, clock.instant())).as("before the first beat").isFalse();
        share.beat();
        assertThat(share.owner("slack-inbox")).isEqualTo(owner);
        assertThat(share.holds(owner, clock.instant().plusSeconds(5))).isTrue();
        assertThat(share.holds("elsewhere#1/slack-inbox", clock.instant())).as("another instance's").isFalse();

        clock.advance(InstanceShare.EVERY.multipliedBy(2)); // a beat missed: still unbroken
        share.beat();
        assertThat(share.holds(owner, clock.instant())).isTrue();
        assertThat(share.owner("slack-inbox")).isEqualTo(owner);

        clock.advance(InstanceShare.LASTS.plusSeconds(1)); // the process held up past its heartbeat
        assertThat(share.holds(owner, clock.instant())).as("ran out").isFalse();
        share.beat();
        String renamed = share.owner("slack-inbox");
        assertThat(renamed).isNotEqualTo(owner).startsWith("here#");
        assertThat(share.holds(owner, clock.instant())).as("made under the old name: the others may end it").isFalse();
        assertThat(share.holds(renamed, clock.instant())).isTrue();
        assertThat(share.renewed(owner)).isEqualTo(renamed);
        assertThat(storage.instances().running(clock.instant())).as("the old name ran out").isEqualTo(1);

        share.close();
        assertThat(share.holds(renamed, clock.instant())).as("after leaving").isFalse();
    }

    @Test
    void aClaimRenewedAfterABreakMovesToTheNewNameSoEndingTheOldNamesClaimsLeavesItAndWhatCameAfter() {
        InboundDedupStore dedup = storage.inboundDedup();
        InstanceShare held = new InstanceShare(storage.instances(), clock, "held-up");
        InstanceShare other = new InstanceShare(storage.instances(), clock, "other");
        held.beat();
        other.beat();
        UserRef u = new UserRef("slack", "T1", "U1");
        Instant tookIn = clock.instant();
        String oldOwner = held.owner("slack-inbox");
        assertThat(dedup.accept(new Pending("slack:event:old", u, "before the break", null, tookIn), oldOwner, LEASE)).isTrue();

        clock.advance(InstanceShare.LASTS.plusSeconds(5)); // held up: its heartbeat ran out
        held.beat();
        other.beat();
        assertThat(PendingRecovery.ours(dedup, held, "slack:event:old", oldOwner, tookIn, clock.instant(), LEASE, MARGIN))
                .as("renewed in the store, under the new name").isTrue();
        String newOwner = held.owner("slack-inbox");
        assertThat(dedup.accept(new Pending("slack:event:new", u, "after the break", null, clock.instant()), newOwner, LEASE)).isTrue();

        for (int i = 0; i < 14; i++) { // both beat on for 140 s: the old name ran out over two minutes ago
            clock.advance(InstanceShare.EVERY);
            held.beat();
            other.beat();
        }
        assertThat(other.releaseLapsed(dedup)).as("the old name had nothing left").isZero();
        Instant now = clock.instant();
        assertThat(dedup.claimUnhandled("slack", now, now, other.owner("slack-recovery"), LEASE, 10))
                .as("both still held by the instance that took them in").isEmpty();
    }

    @Test
    void aDeadInstancesQueuedMessagesAreAnsweredOnceByAnotherAboutTwoMinutesAfterItsHeartbeatRanOut() throws Exception {
        InboundDedupStore dedup = storage.inboundDedup();
        InstanceShare dead = new InstanceShare(storage.instances(), clock, "dead");
        InstanceShare live = new InstanceShare(storage.instances(), clock, "live");
        dead.beat();
        live.beat();
        Instant tookIn = clock.instant();
        UserRef sam = new UserRef("slack", "T1", "U1");
        List<String> answered = new CopyOnWriteArrayList<>();
        try (OrderedWork deadQueue = new OrderedWork("dead", 1); OrderedWork liveQueue = new OrderedWork("live", 1)) {
            Hold stuck = new Hold(); // the dead instance's worker never gets to the message
            deadQueue.submit(sam.key(), stuck);
            Pending kept = new Pending("slack:event:E1", sam, "reflect: queued when it died", null, tookIn);
            String deadInbox = dead.owner("slack-inbox");
            assertThat(PendingRecovery.keep(dedup, deadQueue, kept, deadInbox, LEASE)).isEqualTo(PendingRecovery.Kept.KEPT);
            deadQueue.submit(sam.key(), () -> {
                if (PendingRecovery.ours(dedup, dead, kept.key(), deadInbox, tookIn, clock.instant(), LEASE, MARGIN)) {
                    answered.add("dead");
                }
            });

            // the live one beats every 10 s and retakes every 30 s; the dead one's claim stands for 2.5 minutes
            int retaken = 0;
            Duration waited = Duration.ZERO;
            while (retaken == 0 && waited.compareTo(LEASE) < 0) {
                clock.advance(InstanceShare.EVERY);
                waited = waited.plus(InstanceShare.EVERY);
                live.beat();
                live.releaseLapsed(dedup);
                retaken = PendingRecovery.retake(dedup, "slack", liveQueue, clock, live, live.owner("slack-recovery"),
                        Duration.ofMinutes(1), LEASE, MARGIN, 50, p -> answered.add("live"));
            }
            assertThat(retaken).isEqualTo(1);
            assertThat(waited).as("its heartbeat's 30 s, then two minutes")
                    .isBetween(InstanceShare.LASTS.plus(InstanceShare.TAKEN_OVER_AFTER), InstanceShare.LASTS.plus(InstanceShare.TAKEN_OVER_AFTER).plusSeconds(20));
            assertThat(liveQueue.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(storage.instances().lapsedBefore(clock.instant())).as("the dead one forgotten").isEmpty();

            // it was only stuck: it beats again and its worker reaches the message, which it no longer holds
            dead.beat();
            stuck.release();
            assertThat(deadQueue.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(answered).containsExactly("live");
        }
    }

    @Test
    void anInstanceThatLeftHasTheMessagesLeftInItsQueueFreedAfterTheSameWaitAndALiveOneNever() {
        InboundDedupStore dedup = storage.inboundDedup();
        InstanceShare leaving = new InstanceShare(storage.instances(), clock, "leaving");
        InstanceShare staying = new InstanceShare(storage.instances(), clock, "staying");
        leaving.beat();
        staying.beat();
        UserRef u = new UserRef("teams", "T1", "U1");
        dedup.accept(new Pending("teams:c:1", u, "left in the queue", null, clock.instant()), leaving.owner("teams-inbox"), LEASE);
        dedup.accept(new Pending("teams:c:2", u, "still queued", null, clock.instant()), staying.owner("teams-inbox"), LEASE);
        leaving.close();
        assertThat(staying.beat()).isEqualTo(1);

        clock.advance(InstanceShare.TAKEN_OVER_AFTER.minusSeconds(1));
        staying.beat();
        assertThat(staying.releaseLapsed(dedup)).as("not yet").isZero();
        clock.advance(Duration.ofSeconds(2));
        staying.beat();
        assertThat(staying.releaseLapsed(dedup)).isEqualTo(1);
        assertThat(dedup.claimUnhandled("teams", clock.instant(), clock.instant(), "x/teams-recovery", LEASE, 10))
                .extracting(Pending::key).containsExactly("teams:c:1");
        assertThat(staying.releaseLapsed(dedup)).as("its record is gone: done once").isZero();
    }
}
