package uk.ectmentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;

/** Health follows the store: UP while it answers, DOWN once it stops. Demo data only where it belongs. */
class StoreHealthTest {

    @Test
    void healthIsDownWhenTheStoreStopsAnswering() {
        EmbeddedMongo server = EmbeddedMongo.inMemory();
        try (MongoStorage storage = MongoStorage.connect(server.connectionString() + "/?serverSelectionTimeoutMS=300", "health")) {
            HealthIndicator health = new StorageConfiguration().store(storage);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            server.close();
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void demoDataOnlyWithTheEmbeddedStoreUnlessAskedFor() {
        assertThat(props(null, null).installDemo()).isTrue();
        assertThat(props("", null).installDemo()).isTrue();
        assertThat(props("mongodb://db:27017/bot", null).installDemo()).isFalse();
        assertThat(props("mongodb://db:27017/bot", true).installDemo()).isTrue();
        assertThat(props(null, false).installDemo()).isFalse();
    }

    private static BotProperties props(String uri, Boolean demo) {
        return new BotProperties(uri, "db", Path.of("data"), demo, null, java.time.Duration.ofHours(1));
    }
}
