package uk.ectmentor.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;
import uk.ectmentor.core.testing.MutableClock;

/** The throttle against Teams' published limits (less its margin), on a clock moved by hand. */
class TeamsThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T16:00:00Z"));
    private final TeamsThrottle throttle = new TeamsThrottle(clock);

    @Test
    void oneConversationStaysUnderEveryPublishedWindowWithAMargin() {
        List<Instant> sends = new ArrayList<>();
        for (int i = 0; i < 1_800; i++) {
            clock.advance(throttle.reserve("conv", "tenant"));
            sends.add(clock.instant());
        }
        // Teams: 7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour; the throttle: 6, 7, 55, 1,700
        assertThat(maxIn(sends, Duration.ofSeconds(1))).isEqualTo(6);
        assertThat(maxIn(sends, Duration.ofSeconds(2))).isEqualTo(7);
        assertThat(maxIn(sends, Duration.ofSeconds(30))).isEqualTo(55);
        assertThat(maxIn(sends, Duration.ofHours(1))).isEqualTo(1_700);
    }

    @Test
    void oneTenantGetsFortyEightASecondEvenlySpacedAcrossConversations() {
        List<Instant> sends = new ArrayList<>();
        for (int i = 0; i < 480; i++) {
            clock.advance(throttle.reserve("conv-" + i, "tenant"));
            sends.add(clock.instant());
        }
        assertThat(maxIn(sends, Duration.ofSeconds(1))).isEqualTo(48);
        Duration span = Duration.between(sends.get(0), sends.get(sends.size() - 1));
        // 479 gaps of 1/48 s: ten seconds for 480 sends, 96% of Teams' 50 a second
        assertThat(span).isBetween(Duration.ofMillis(9_970), Duration.ofMillis(9_980));
        for (int i = 1; i < sends.size(); i++) {
            assertThat(Duration.between(sends.get(i - 1), sends.get(i))).isGreaterThanOrEqualTo(TeamsThrottle.Limits.DEFAULT.tenantSpacing());
        }
        assertThat(throttle.reserve("conv-x", "other-tenant")).as("another tenant is not held up").isZero();
    }

    @Test
    void twoInstancesEachSendAtHalfTheTenantPaceAndOneLeftAloneAtAllOfIt() {
        Duration spacing = TeamsThrottle.Limits.DEFAULT.tenantSpacing();
        throttle.share(2);
        List<Instant> sends = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            clock.advance(throttle.reserve("conv-" + i, "tenant"));
            sends.add(clock.instant());
        }
        assertThat(maxIn(sends, Duration.ofSeconds(1))).isEqualTo(24);

        throttle.share(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.reserve("conv-a", "tenant")).isZero();
        assertThat(throttle.reserve("conv-b", "tenant")).isEqualTo(spacing);
        assertThatThrownBy(() -> throttle.share(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConfiguredSenderTakesItsShareFromTheInstancesOnTheStore() {
        try (EmbeddedMongo server = EmbeddedMongo.inMemory();
             MongoStorage storage = MongoStorage.connect(server.connectionString(), "share")) {
            InstanceShare share = new InstanceShare(storage.instances(), clock, "here");
            org.springframework.beans.factory.support.StaticListableBeanFactory beans =
                    new org.springframework.beans.factory.support.StaticListableBeanFactory(java.util.Map.of("share", share));
            storage.instances().beat("another-instance", clock.instant().plus(InstanceShare.LASTS));
            share.beat();
            TeamsSender sender = new TeamsConfiguration().teamsSender(null, storage.conversationRefs(), null, clock, 48,
                    TeamsThrottle.Limits.DEFAULT_CONVERSATION, beans.getBeanProvider(Sleeper.class),
                    beans.getBeanProvider(InstanceShare.class));
            assertThat(sender.throttle().tenantSpacing()).as("two instances: 24 a second each")
                    .isEqualTo(TeamsThrottle.Limits.DEFAULT.tenantSpacing().multipliedBy(2));
        }
    }

    @Test
    void concurrentBookingsAreSpacedToo() {
        // several sends asked for at the same instant (a dispatcher's parallel sends) are booked one spacing apart
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waits.add(throttle.reserve("conv-" + i, "tenant"));
        }
        assertThat(waits.get(0)).isZero();
        assertThat(waits.get(7)).isEqualTo(TeamsThrottle.Limits.DEFAULT.tenantSpacing().multipliedBy(7));
    }

    @Test
    void actualStartsInATenantKeepTheirSpacing() {
        Duration spacing = TeamsThrottle.Limits.DEFAULT.tenantSpacing();
        Duration early = spacing.dividedBy(4);
        // two threads that woke late go at once: the second waits until a quarter spacing before its turn
        assertThat(throttle.gate("tenant")).isZero();
        assertThat(throttle.gate("tenant")).isEqualTo(spacing.minus(early));
        clock.advance(spacing.minus(early));
        assertThat(throttle.gate("tenant")).isZero();
        // one that comes after its turn goes at once, and the next keeps (nearly) a spacing after it
        clock.advance(spacing.plusMillis(30));
        assertThat(throttle.gate("tenant")).isZero();
        assertThat(throttle.gate("tenant")).isEqualTo(spacing.minus(early));
        assertThat(throttle.gate("other-tenant")).as("tenants are gated apart").isZero();

        List<Instant> starts = new ArrayList<>();
        while (starts.size() < 200) {
            Duration wait = throttle.gate("busy");
            if (wait.isZero()) {
                starts.add(clock.instant());
            } else {
                clock.advance(wait);
            }
        }
        assertThat(maxIn(starts, Duration.ofSeconds(1))).isBetween(48, 49);
    }

    @Test
    void theLimitsAreConfigurableAndABadSettingSaysHowToWriteIt() {
        TeamsThrottle.Limits limits = new TeamsThrottle.Limits(10, TeamsThrottle.Limits.parseWindows("2/1s, 3/1m"));
        assertThat(limits.perConversation()).containsExactly(new TeamsThrottle.Window(Duration.ofSeconds(1), 2),
                new TeamsThrottle.Window(Duration.ofMinutes(1), 3));
        TeamsThrottle custom = new TeamsThrottle(clock, limits);
        List<Instant> sends = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            clock.advance(custom.reserve("conv", "tenant"));
            sends.add(clock.instant());
        }
        assertThat(maxIn(sends, Duration.ofMinutes(1))).isEqualTo(3);
        assertThat(TeamsThrottle.Limits.DEFAULT.tenantPerSecond()).isEqualTo(48);
        assertThatThrownBy(() -> TeamsThrottle.Limits.parseWindows("6 per second"))
                .hasMessageContaining("BOT_TEAMS_CONVERSATION_LIMITS").hasMessageContaining("6/1s");
        assertThatThrownBy(() -> new TeamsThrottle.Limits(0, limits.perConversation()))
                .hasMessageContaining("BOT_TEAMS_TENANT_PER_SECOND");
    }

    @Test
    void aPauseHoldsTheConversationUntilItEnds() {
        throttle.pause("conv", clock.instant().plusSeconds(5));
        assertThat(throttle.reserve("conv", "tenant")).isEqualTo(Duration.ofSeconds(5));
        assertThat(throttle.reserve("other", "tenant")).as("the paused one's booking holds up nobody else").isZero();
    }

    @Test
    void slotsFreeUpAsTimePasses() {
        for (int i = 0; i < 6; i++) {
            clock.advance(throttle.reserve("conv", "tenant"));
        }
        assertThat(throttle.reserve("conv", "tenant")).isGreaterThan(Duration.ofMillis(800));
        clock.advance(Duration.ofSeconds(40));
        assertThat(throttle.reserve("conv", "tenant")).isZero();
    }

    private static int maxIn(List<Instant> sends, Duration window) {
        int max = 0;
        for (Instant end : sends) {
            int n = 0;
            for (Instant t : sends) {
                if (t.isAfter(end.minus(window)) && !t.isAfter(end)) {
                    n++;
                }
            }
            max = Math.max(max, n);
        }
        return max;
    }
}
