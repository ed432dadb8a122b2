package uk.ectmentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.InboundDedupStore.Pending;
import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;

/**
 * The app's heartbeat: in the store before anything is sent, renewed on a timer, gone when the app stops; and the
 * claims of an instance whose heartbeat ran out are ended on the same timer.
 */
class InstanceHeartbeatTest {
    @Test
    void theInstanceIsCountedFromItsStartAndLeavesWhenItStops() {
        StorageConfiguration config = new StorageConfiguration();
        try (EmbeddedMongo embedded = EmbeddedMongo.inMemory();
             MongoStorage storage = MongoStorage.connect(embedded.connectionString(), "db")) {
            storage.instances().beat("another-instance", Instant.now().plus(InstanceShare.LASTS));
            InstanceShare share = config.instanceShare(storage, Clock.systemUTC());
            assertThat(share.instances()).as("counted at creation, with the other one").isEqualTo(2);
            assertThat(storage.instances().running(Instant.now())).isEqualTo(2);

            ScheduledExecutorService timer = config.instanceHeartbeat(share, storage);
            assertThat(timer.isShutdown()).isFalse();
            timer.shutdownNow();
            share.close();
            assertThat(storage.instances().running(Instant.now())).as("only the other one").isEqualTo(1);
        }
    }

    @Test
    void theTimersFirstRoundEndsTheClaimsOfAnInstanceThatDiedMinutesAgo() throws InterruptedException {
        StorageConfiguration config = new StorageConfiguration();
        try (EmbeddedMongo embedded = EmbeddedMongo.inMemory();
             MongoStorage storage = MongoStorage.connect(embedded.connectionString(), "db")) {
            Instant died = Instant.now().minus(InstanceShare.TAKEN_OVER_AFTER).minus(InstanceShare.LASTS).minusSeconds(5);
            storage.instances().beat("1234@crashed#0badf00d", died.plus(InstanceShare.LASTS));
            Pending queued = new Pending("slack:event:E-crash", new UserRef("slack", "T1", "U1"), "reflect: queued", null, died);
            assertThat(storage.inboundDedup().accept(queued, "1234@crashed#0badf00d/slack-inbox", Duration.ofMinutes(5))).isTrue();

            InstanceShare share = config.instanceShare(storage, Clock.systemUTC());
            ScheduledExecutorService timer = config.instanceHeartbeat(share, storage);
            try {
                List<Pending> free = List.of();
                for (int i = 0; i < 100 && free.isEmpty(); i++) {
                    Thread.sleep(50);
                    Instant now = Instant.now();
                    free = storage.inboundDedup().claimUnhandled("slack", now, now, share.owner("slack-recovery"), Duration.ofMinutes(5), 10);
                }
                assertThat(free).as("its claim had three minutes left").extracting(Pending::key).containsExactly("slack:event:E-crash");
            } finally {
                timer.shutdownNow();
                share.close();
            }
        }
    }
}
