package uk.ectmentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;

import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;

/** The app's heartbeat: in the store before anything is sent, renewed on a timer, gone when the app stops. */
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

            ScheduledExecutorService timer = config.instanceHeartbeat(share);
            assertThat(timer.isShutdown()).isFalse();
            timer.shutdownNow();
            share.close();
            assertThat(storage.instances().running(Instant.now())).as("only the other one").isEqualTo(1);
        }
    }
}
