package uk.ectmentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.InboundDedupStore;
import uk.ectmentor.core.delivery.InboundDedupStore.Pending;
import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;
import uk.ectmentor.core.trust.FieldCipher;

/**
 * A message kept and claimed by a run that then stopped: on the embedded store (this process's alone) the next run
 * frees it for recovery at once; on a configured MongoDB, which other instances may share, the claim stands.
 */
class StaleClaimsTest {
    private static final Duration LEASE = Duration.ofMinutes(5);

    @Test
    void theEmbeddedStoreStartsWithItsPreviousRunsClaimsEndedAndASharedOneKeepsThem() {
        FieldCipher cipher = FieldCipher.none();
        Instant kept = Instant.now().minusSeconds(90);
        try (EmbeddedMongo embedded = EmbeddedMongo.inMemory()) {
            try (MongoStorage previousRun = MongoStorage.connect(embedded.connectionString(), "db", cipher)) {
                assertThat(previousRun.inboundDedup().accept(
                        new Pending("slack:Ev1", new UserRef("slack", "T1", "U1"), "reflect: kept", null, kept),
                        "slack-inbox-gone", LEASE)).isTrue();
            }
            StorageConfiguration config = new StorageConfiguration();

            try (MongoStorage shared = config.mongoStorage(props(embedded.connectionString()), null, cipher)) {
                assertThat(claimable(shared.inboundDedup())).as("another instance's claim, still live").isEmpty();
            }
            try (MongoStorage own = config.mongoStorage(props(null), embedded, cipher)) {
                assertThat(claimable(own.inboundDedup())).extracting(Pending::key).containsExactly("slack:Ev1");
            }
        }
    }

    private static List<Pending> claimable(InboundDedupStore dedup) {
        Instant now = Instant.now();
        return dedup.claimUnhandled("slack", now.minusSeconds(60), now, "slack-inbox-new", LEASE, 10);
    }

    private static BotProperties props(String uri) {
        return new BotProperties(uri, "db", Path.of("data"), null, null, Duration.ofHours(1));
    }
}
