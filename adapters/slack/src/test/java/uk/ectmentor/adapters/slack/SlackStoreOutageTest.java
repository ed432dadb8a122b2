package uk.ectmentor.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.testing.TestBot;

/**
 * A direct message kept in the store, then met by an engine whose store is out of reach: Sam is told it was kept
 * (not that nothing was saved, which would have them send it again and save it twice), and it stays kept, for
 * recovery to answer once the store is back. The engine here is a second bot whose store is closed; the adapter's
 * record of deliveries is the live one.
 */
@SpringBootTest(classes = {SlackTestApp.class, SlackStoreOutageTest.CutOff.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlackStoreOutageTest {
    private static final FakeSlack FAKE = FakeSlack.shared();
    private static final TestBot ELSEWHERE = new TestBot();

    @TestConfiguration
    static class CutOff {
        @Bean
        @Primary
        ConversationEngine cutOffEngine() {
            return ELSEWHERE.engine;
        }
    }

    @DynamicPropertySource
    static void slack(DynamicPropertyRegistry registry) {
        SlackProps.register(registry);
    }

    @AfterAll
    static void close() {
        ELSEWHERE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    TestBot bot;
    @Autowired
    SlackWork work;

    @Test
    void aKeptMessageMetWithTheStoreDownIsToldItWasKeptAndStaysKeptForRecovery() throws InterruptedException {
        assertThat(work.awaitIdle(Duration.ofSeconds(20))).isTrue();
        FAKE.reset();
        ELSEWHERE.server.close();
        SignedRequests slack = new SignedRequests(port, SlackTestApp.SECRET, bot.clock);

        assertThat(slack.dm(SlackTestApp.SAM, "reflect: kept through an outage").statusCode()).isEqualTo(200);
        assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();

        assertThat(FAKE.calls("chat.postMessage")).singleElement().satisfies(call -> {
            assertThat(call.param("channel")).isEqualTo("D-" + SlackTestApp.SAM);
            assertThat(call.param("text")).contains("kept your message").doesNotContain("nothing was saved");
        });
        Instant later = bot.clock.instant().plus(SlackAdapter.HANDLING_LEASE).plusSeconds(1);
        assertThat(bot.storage.inboundDedup().claimUnhandled("slack", later, later, "back/slack-recovery", SlackAdapter.RECOVERY_LEASE, 10))
                .as("still kept: recovery answers it once the store is back")
                .singleElement().satisfies(p -> assertThat(p.text()).isEqualTo("reflect: kept through an outage"));
    }
}
