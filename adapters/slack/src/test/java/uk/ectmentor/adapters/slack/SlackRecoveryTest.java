package uk.ectmentor.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.InboundDedupStore;
import uk.ectmentor.core.testing.Hold;
import uk.ectmentor.core.testing.TestBot;

/**
 * A message Slack was told "got it" for, but which the process never answered (it died between the ack and
 * the engine), is answered from the store afterwards: nothing the teacher sent is lost, and a reflection
 * that did get saved before the crash is not saved twice.
 */
@SpringBootTest(classes = SlackTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlackRecoveryTest {
    private static final FakeSlack FAKE = FakeSlack.shared();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final UserRef SAM = new UserRef("slack", SlackTestApp.TEAM, SlackTestApp.SAM);

    @DynamicPropertySource
    static void slack(DynamicPropertyRegistry registry) {
        SlackProps.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    TestBot bot;
    @Autowired
    SlackWork work;
    @Autowired
    SlackAdapter adapter;

    @BeforeEach
    void quiet() throws InterruptedException {
        work.awaitIdle(WAIT);
        FAKE.reset();
        bot.clock.advance(Duration.ofHours(1));
    }

    private long samsEntriesWith(String text) {
        return bot.storage.learningLog().recent("sam", 200).stream().filter(e -> e.text().equals(text)).count();
    }

    @Test
    void aMessageAcknowledgedButNeverAnsweredIsAnsweredAfterARestart() throws InterruptedException {
        Instant tookIn = bot.clock.instant();
        // what the DM handler keeps before acknowledging; the process then "dies" before the engine runs
        assertThat(bot.storage.inboundDedup().accept(new InboundDedupStore.Pending("slack:event:crash-1", SAM,
                "reflect: kept through a crash", "D-" + SlackTestApp.SAM, tookIn))).isTrue();

        assertThat(adapter.recoverUnhandled("test")).as("too recent: its own instance may still be on it").isZero();
        bot.clock.advance(SlackAdapter.RECOVER_AFTER.plusSeconds(1));
        assertThat(adapter.recoverUnhandled("test")).isEqualTo(1);
        assertThat(work.awaitIdle(WAIT)).isTrue();

        assertThat(samsEntriesWith("kept through a crash")).isEqualTo(1);
        assertThat(FAKE.calls("chat.postMessage")).anySatisfy(call ->
                assertThat(call.param("channel")).isEqualTo("D-" + SlackTestApp.SAM));
        bot.clock.advance(Duration.ofMinutes(10));
        assertThat(adapter.recoverUnhandled("test")).as("answered once, never again").isZero();
    }

    @Test
    void aReflectionSavedJustBeforeTheCrashIsNotSavedTwice() throws InterruptedException {
        String key = "slack:event:crash-2";
        assertThat(bot.storage.inboundDedup().accept(new InboundDedupStore.Pending(key, SAM, "reflect: saved then crashed",
                "D-" + SlackTestApp.SAM, bot.clock.instant()))).isTrue();
        // the engine ran and saved, but the process died before marking the delivery handled
        bot.engine.handle(uk.ectmentor.core.chat.Inbound.text(SAM, "reflect: saved then crashed", key));
        bot.clock.advance(SlackAdapter.RECOVER_AFTER.plusSeconds(1));
        assertThat(adapter.recoverUnhandled("test")).isEqualTo(1);
        assertThat(work.awaitIdle(WAIT)).isTrue();
        assertThat(samsEntriesWith("saved then crashed")).isEqualTo(1);
    }

    @Test
    void aDirectMessageIsMarkedHandledOnceAnsweredSoNothingIsRecoveredForIt() throws InterruptedException {
        SignedRequests slack = new SignedRequests(port, SlackTestApp.SECRET, bot.clock);
        HttpResponse<String> r = slack.dm(SlackTestApp.SAM, "reflect: answered at once");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(work.awaitIdle(WAIT)).isTrue();
        bot.clock.advance(Duration.ofMinutes(5));
        assertThat(adapter.recoverUnhandled("test")).isZero();
        assertThat(samsEntriesWith("answered at once")).isEqualTo(1);
    }

    @Test
    void aMessageThatWaitedInALongQueueIsAnsweredOnceWhenRecoveryReachesItFirst() throws InterruptedException {
        Hold slow = new Hold();
        work.submit(SAM.key(), slow); // something slow ahead of Sam's message in Sam's queue
        SignedRequests slack = new SignedRequests(port, SlackTestApp.SECRET, bot.clock);
        assertThat(slack.dm(SlackTestApp.SAM, "reflect: waited in a long queue").statusCode()).isEqualTo(200);

        bot.clock.advance(SlackAdapter.RECOVER_AFTER.plusSeconds(1));
        assertThat(adapter.recoverUnhandled("another-instance")).as("claimed by the instance that queued it").isZero();
        bot.clock.advance(SlackAdapter.HANDLING_LEASE);
        assertThat(adapter.recoverUnhandled("another-instance")).as("its claim ran out: recovery takes it, its answer queues behind").isEqualTo(1);
        slow.release();
        assertThat(work.awaitIdle(WAIT)).isTrue();

        assertThat(FAKE.calls("chat.postMessage")).as("answered once, by recovery, not again from the queue").hasSize(1);
        assertThat(samsEntriesWith("waited in a long queue")).isEqualTo(1);
    }

    @Test
    void aRecoveredMessageThatWaitedPastItsClaimIsAnsweredOnceByTheRecoveryThatTookItOver() throws InterruptedException {
        Hold slow = new Hold();
        work.submit(SAM.key(), slow); // something slow ahead in Sam's queue
        assertThat(bot.storage.inboundDedup().accept(new InboundDedupStore.Pending("slack:event:crash-3", SAM,
                "reflect: recovered twice over", "D-" + SlackTestApp.SAM, bot.clock.instant()))).isTrue();
        bot.clock.advance(SlackAdapter.RECOVER_AFTER.plusSeconds(1));
        assertThat(adapter.recoverUnhandled("first-recovery")).as("queued behind the slow task").isEqualTo(1);
        bot.clock.advance(SlackAdapter.RECOVERY_LEASE.plusSeconds(1));
        assertThat(adapter.recoverUnhandled("second-recovery")).as("the first claim ran out").isEqualTo(1);
        slow.release();
        assertThat(work.awaitIdle(WAIT)).isTrue();

        assertThat(FAKE.calls("chat.postMessage")).as("answered once, by the recovery holding the claim").hasSize(1);
        assertThat(samsEntriesWith("recovered twice over")).isEqualTo(1);
    }
}
