package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.delivery.InstanceStore;
import uk.ectmentor.core.testing.MutableClock;

/**
 * Instances on one store find each other by their heartbeats and each paces at its share of the platforms'
 * limits: a second instance halves the first one's share, and the share comes back when it leaves or dies.
 */
class InstanceShareTest {
    private final EmbeddedMongo server = EmbeddedMongo.inMemory();
    private final MongoStorage storage = MongoStorage.connect(server.connectionString(), "instances");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));

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
            public void leave(String instance) {
                throw new IllegalStateException("the store is not answering");
            }

            @Override
            public long forgetBefore(Instant cutoff) {
                return 0;
            }
        };
        InstanceShare share = new InstanceShare(flaky, clock, "here");
        assertThat(share.beat()).isEqualTo(3);
        assertThat(share.beat()).as("the store went down after the first beat").isEqualTo(3);
        share.close(); // logged, not thrown: its heartbeat runs out by itself
    }
}
