package uk.ectmentor.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import uk.ectmentor.core.identity.LinkCodeStore;

/** The nightly clean-up forgets what no longer matters and keeps what still does; running it twice is harmless. */
class HousekeepingTest {
    private static final Instant NOW = Instant.parse("2026-11-25T03:30:00Z");

    @Test
    void oldDeliveriesExpiredLinkCodesAndLongStoppedInstancesGoRecentOnesStay() {
        try (Fixture f = new Fixture(NOW)) {
            var dedup = f.storage.inboundDedup();
            assertThat(dedup.firstDelivery("slack:event:old", NOW.minus(Duration.ofDays(3)))).isTrue();
            assertThat(dedup.firstDelivery("slack:event:recent", NOW.minus(Duration.ofHours(1)))).isTrue();
            f.storage.linkCodes().add(new LinkCodeStore.LinkCode("OLD123", "sam", "web:local:sam", NOW.minusSeconds(60)));
            f.storage.linkCodes().add(new LinkCodeStore.LinkCode("NEW456", "sam", "web:local:sam", NOW.plusSeconds(600)));
            f.storage.instances().beat("stopped-two-days-ago", NOW.minus(Duration.ofDays(2)));
            f.storage.instances().beat("stopped-an-hour-ago", NOW.minus(Duration.ofHours(1)));
            f.storage.instances().beat("running", NOW.plusSeconds(30));

            SchedulerConfiguration.cleanUp(f.store, f.storage, null, NOW, Duration.ofDays(30));
            SchedulerConfiguration.cleanUp(f.store, f.storage, null, NOW, Duration.ofDays(30));

            assertThat(dedup.firstDelivery("slack:event:old", NOW)).as("forgotten, so new again").isTrue();
            assertThat(dedup.firstDelivery("slack:event:recent", NOW)).as("still remembered").isFalse();
            assertThat(f.storage.linkCodes().take("OLD123")).isEmpty();
            assertThat(f.storage.linkCodes().take("NEW456")).isPresent();
            assertThat(f.storage.instances().forgetBefore(NOW.minus(Duration.ofHours(2)))).as("the one stopped two days ago went").isZero();
            assertThat(f.storage.instances().forgetBefore(NOW)).as("the one an hour ago was kept").isEqualTo(1);
            assertThat(f.storage.instances().running(NOW)).isEqualTo(1);
        }
    }
}
