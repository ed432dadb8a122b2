package uk.ectmentor.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.ectmentor.core.testing.MutableClock;

/** The throttle against Teams' published limits, on a clock moved by hand. */
class TeamsThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T16:00:00Z"));
    private final TeamsThrottle throttle = new TeamsThrottle(clock);

    @Test
    void oneConversationStaysWellUnderSevenASecondAndSixtyInThirtySeconds() {
        List<Instant> sends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            clock.advance(throttle.reserve("conv", "tenant"));
            sends.add(clock.instant());
        }
        assertThat(maxIn(sends, Duration.ofSeconds(1))).isLessThanOrEqualTo(3).isLessThan(7);
        assertThat(maxIn(sends, Duration.ofSeconds(30))).isLessThanOrEqualTo(40).isLessThan(60);
    }

    @Test
    void oneTenantStaysUnderFiftyASecondAcrossConversations() {
        List<Instant> sends = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            clock.advance(throttle.reserve("conv-" + i, "tenant"));
            sends.add(clock.instant());
        }
        assertThat(maxIn(sends, Duration.ofSeconds(1))).isLessThanOrEqualTo(30);
        assertThat(throttle.reserve("conv-x", "other-tenant")).as("another tenant is not held up").isZero();
    }

    @Test
    void aPauseHoldsTheConversationUntilItEnds() {
        throttle.pause("conv", clock.instant().plusSeconds(5));
        assertThat(throttle.reserve("conv", "tenant")).isEqualTo(Duration.ofSeconds(5));
        assertThat(throttle.reserve("other", "tenant")).isZero();
    }

    @Test
    void slotsFreeUpAsTimePasses() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.reserve("conv", "tenant")).isZero();
        }
        assertThat(throttle.reserve("conv", "tenant")).isEqualTo(Duration.ofSeconds(1));
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
