package uk.ectmentor.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.ClaimHolder;
import uk.ectmentor.core.delivery.ConversationRefStore;
import uk.ectmentor.core.delivery.InboundDedupStore;
import uk.ectmentor.core.delivery.OrderedWork;
import uk.ectmentor.core.testing.Hold;
import uk.ectmentor.core.testing.TestBot;

/**
 * A message Teams was answered 200 for is kept until handled: one left pending by an instance that died is
 * handled exactly once by recovery (two instances racing for it, or one holding a lease it never finishes), a
 * redelivered activity is handled once whether it comes while the first is pending or after it is done, and
 * the teacher's reflection lands in the learning log exactly once. The recovery timer is pushed out of the
 * way; the tests call it themselves.
 */
@SpringBootTest(classes = TeamsTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bot.teams.recovery-interval=PT1H")
class TeamsRecoveryTest {
    private static final FakeConnector connector = new FakeConnector();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final UserRef SAM = TeamsTestApp.teamsUser("sam");

    @LocalServerPort
    int port;
    @Autowired
    TestBot bot;
    @Autowired
    OrderedWork work;
    @Autowired
    TeamsInbox inbox;
    @Autowired
    ConversationRefStore refs;
    @Autowired
    TeamsAdapter adapter;
    @Autowired
    TeamsSender sender;
    @Autowired
    AdaptiveCardRenderer renderer;
    TeamsChannel channel;

    @BeforeEach
    void setUp() throws InterruptedException {
        channel = new TeamsChannel(port, connector, bot.clock, TeamsChannel.Press.SUBMIT, work);
        assertThat(work.awaitIdle(WAIT)).isTrue();
        bot.clock.advance(Duration.ofHours(1));
        inbox.recoverUnhandled("left-by-an-earlier-test");
        assertThat(work.awaitIdle(WAIT)).isTrue();
        channel.say("sam", "help");
    }

    @AfterAll
    static void stop() {
        connector.close();
    }

    private long samsEntriesWith(String text) {
        return bot.storage.learningLog().recent("sam", 200).stream().filter(e -> e.text().equals(text)).count();
    }

    /** What an instance keeps before answering 200, for a message saying {@code text}. */
    private TeamsMessage kept(String activityId, String text) {
        TeamsMessage m = samSays(activityId, text);
        assertThat(bot.storage.inboundDedup().accept(new InboundDedupStore.Pending(TeamsInbox.key(m), SAM, TeamsInbox.envelope(m),
                m.reference(), bot.clock.instant()))).isTrue();
        return m;
    }

    /** A message from Sam in the conversation the set-up started. */
    private TeamsMessage samSays(String activityId, String text) {
        return new TeamsMessage(SAM, refs.find(SAM).orElseThrow().reference(), "a:conv-sam", activityId, text, null, null);
    }

    /** Gives {@code work}'s only thread someone else's task, which waits for {@code hold}. */
    private static void holdUp(OrderedWork work, Hold hold) {
        assertThat(work.offer("someone-else", hold)).isTrue();
    }

    private int sentTo(String conversationPath, int from) {
        return (int) connector.activities().subList(from, connector.activities().size()).stream()
                .filter(r -> r.path().startsWith(conversationPath)).count();
    }

    @Test
    void aMessageLeftPendingByADeadInstanceIsHandledOnceByRecoveryEvenWithTwoInstancesRacing() throws Exception {
        kept("act-crash-1", "reflect: kept through a crash");
        int before = connector.activities().size();

        assertThat(inbox.recoverUnhandled("instance-a")).as("too recent: its own instance may still be on it").isZero();
        bot.clock.advance(TeamsInbox.RECOVER_AFTER.plusSeconds(1));
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = two.invokeAll(List.<Callable<Integer>>of(
                    () -> inbox.recoverUnhandled("instance-a"), () -> inbox.recoverUnhandled("instance-b")));
            assertThat(runs.get(0).get() + runs.get(1).get()).as("claimed by exactly one instance").isEqualTo(1);
        } finally {
            two.shutdownNow();
        }
        assertThat(work.awaitIdle(WAIT)).isTrue();

        assertThat(samsEntriesWith("kept through a crash")).isEqualTo(1);
        assertThat(sentTo("/v3/conversations/a:conv-sam/activities", before)).as("the answer reached the conversation").isGreaterThanOrEqualTo(1);
        bot.clock.advance(TeamsInbox.RECOVERY_LEASE.plusMinutes(1));
        assertThat(inbox.recoverUnhandled("instance-a")).as("handled once, never again").isZero();
        assertThat(samsEntriesWith("kept through a crash")).isEqualTo(1);
    }

    @Test
    void aClaimHeldByAnInstanceThatDiedIsRetakenOnlyWhenItsLeaseRunsOut() throws InterruptedException {
        kept("act-crash-2", "reflect: claimed then the claimer died");
        bot.clock.advance(TeamsInbox.RECOVER_AFTER.plusSeconds(1));
        // another instance claims it and dies before handling it
        assertThat(bot.storage.inboundDedup().claimUnhandled("teams", bot.clock.instant().minus(TeamsInbox.RECOVER_AFTER),
                bot.clock.instant(), "dead-instance", TeamsInbox.RECOVERY_LEASE, 10)).hasSize(1);
        assertThat(inbox.recoverUnhandled("live")).as("the lease still holds").isZero();
        bot.clock.advance(TeamsInbox.RECOVERY_LEASE.plusSeconds(1));
        assertThat(inbox.recoverUnhandled("live")).isEqualTo(1);
        assertThat(work.awaitIdle(WAIT)).isTrue();
        assertThat(samsEntriesWith("claimed then the claimer died")).isEqualTo(1);
    }

    @Test
    void aRecoveredMessageThatWaitedPastItsClaimIsHandledOnceByTheRecoveryThatTookItOver() throws InterruptedException {
        kept("act-crash-4", "reflect: recovered twice over");
        int before = connector.activities().size();
        bot.clock.advance(TeamsInbox.RECOVER_AFTER.plusSeconds(1));
        Hold hold = new Hold();
        try (OrderedWork slow = new OrderedWork("slow-work", 1, 10)) {
            holdUp(slow, hold);
            TeamsInbox stuck = new TeamsInbox(adapter, sender, bot.storage.inboundDedup(), slow, ClaimHolder.alone(), bot.clock);
            assertThat(stuck.recoverUnhandled("first-recovery")).as("queued behind a slow task").isEqualTo(1);
            bot.clock.advance(TeamsInbox.RECOVERY_LEASE.plusSeconds(1));
            assertThat(inbox.recoverUnhandled("second-recovery")).as("the first claim ran out").isEqualTo(1);
            assertThat(work.awaitIdle(WAIT)).isTrue();
            int answered = sentTo("/v3/conversations/a:conv-sam/activities", before);
            assertThat(answered).as("answered by the recovery holding the claim").isGreaterThanOrEqualTo(1);

            hold.release();
            assertThat(slow.awaitIdle(WAIT)).isTrue();
            assertThat(sentTo("/v3/conversations/a:conv-sam/activities", before)).as("and not again").isEqualTo(answered);
        }
        assertThat(samsEntriesWith("recovered twice over")).isEqualTo(1);
    }

    @Test
    void aReflectionSavedJustBeforeTheCrashIsNotSavedTwice() throws InterruptedException {
        TeamsMessage m = kept("act-crash-3", "reflect: saved then crashed");
        // the engine ran and saved, but the process died before marking the delivery handled
        bot.engine.handle(Inbound.text(SAM, m.text(), m.activityId()));
        bot.clock.advance(TeamsInbox.RECOVER_AFTER.plusSeconds(1));
        assertThat(inbox.recoverUnhandled("live")).isEqualTo(1);
        assertThat(work.awaitIdle(WAIT)).isTrue();
        assertThat(samsEntriesWith("saved then crashed")).isEqualTo(1);
    }

    @Test
    void aRedeliveredActivityIsHandledOnceWhetherTheFirstIsPendingOrDone() throws InterruptedException {
        // while pending: another instance took it in and has not answered yet
        TeamsMessage pending = kept("act-redelivered-1", "reflect: sent once, delivered twice");
        int before = connector.activities().size();
        ObjectNode again = channel.activity("sam", "message");
        again.put("id", pending.activityId()).put("text", pending.text());
        assertThat(channel.post(again, null).statusCode()).as("Teams still gets its 200").isEqualTo(200);
        assertThat(connector.activities()).as("not handled a second time").hasSize(before);
        assertThat(samsEntriesWith("sent once, delivered twice")).isZero();
        bot.clock.advance(TeamsInbox.RECOVER_AFTER.plusSeconds(1));
        assertThat(inbox.recoverUnhandled("live")).isEqualTo(1);
        assertThat(work.awaitIdle(WAIT)).isTrue();
        assertThat(samsEntriesWith("sent once, delivered twice")).isEqualTo(1);

        // after done: a fresh activity, handled, then delivered again twice
        ObjectNode fresh = channel.activity("sam", "message");
        fresh.put("text", "reflect: answered then redelivered");
        assertThat(channel.post(fresh, null).statusCode()).isEqualTo(200);
        int afterFirst = connector.activities().size();
        assertThat(afterFirst).isGreaterThan(before);
        assertThat(channel.post(fresh, null).statusCode()).isEqualTo(200);
        assertThat(channel.post(fresh, null).statusCode()).isEqualTo(200);
        assertThat(connector.activities()).as("redeliveries answered 200, nothing sent").hasSize(afterFirst);
        assertThat(samsEntriesWith("answered then redelivered")).isEqualTo(1);
        bot.clock.advance(Duration.ofMinutes(10));
        assertThat(inbox.recoverUnhandled("live")).as("handled messages are not recovered").isZero();
    }

    @Test
    void aPendingSlackMessageIsLeftToSlack() {
        UserRef slackSam = new UserRef("slack", "T1", "U1");
        assertThat(bot.storage.inboundDedup().accept(new InboundDedupStore.Pending("slack:event:other", slackSam,
                "reflect: a Slack message", "D1", bot.clock.instant()))).isTrue();
        bot.clock.advance(TeamsInbox.RECOVER_AFTER.plusSeconds(1));
        assertThat(inbox.recoverUnhandled("live")).as("each platform recovers only its own").isZero();
        assertThat(bot.storage.inboundDedup().claimUnhandled("slack", bot.clock.instant(), bot.clock.instant(), "slack-test",
                Duration.ofMinutes(5), 10)).extracting(InboundDedupStore.Pending::key).containsExactly("slack:event:other");
    }

    @Test
    void aMessageTakenWhileTheWorkQueueIsFullStaysPendingAndRecoveryAnswersItOnce() throws InterruptedException {
        Hold hold = new Hold();
        try (OrderedWork full = new OrderedWork("full-work", 1, 1)) {
            holdUp(full, hold);
            TeamsInbox busy = new TeamsInbox(adapter, sender, bot.storage.inboundDedup(), full, ClaimHolder.alone(), bot.clock);
            TeamsMessage m = samSays("act-busy-1", "reflect: sent while the bot was busy");
            assertThat(busy.take(m)).as("taken (answered 200), though not queued").isTrue();
            assertThat(busy.take(m)).as("a redelivery is still recognised").isFalse();
            hold.release();
            assertThat(full.awaitIdle(WAIT)).isTrue();
        }
        assertThat(samsEntriesWith("sent while the bot was busy")).as("not handled from memory").isZero();
        bot.clock.advance(TeamsInbox.RECOVER_AFTER.plusSeconds(1));
        assertThat(inbox.recoverUnhandled("live")).isEqualTo(1);
        assertThat(work.awaitIdle(WAIT)).isTrue();
        assertThat(samsEntriesWith("sent while the bot was busy")).isEqualTo(1);
        bot.clock.advance(TeamsInbox.RECOVERY_LEASE.plusMinutes(1));
        assertThat(inbox.recoverUnhandled("live")).isZero();
    }

    @Test
    void aMessageThatWaitedInALongQueueIsAnsweredOnceWhenRecoveryReachesItFirst() throws InterruptedException {
        Hold hold = new Hold();
        int before = connector.activities().size();
        try (OrderedWork slow = new OrderedWork("slow-work", 1, 100)) {
            holdUp(slow, hold);
            TeamsInbox busy = new TeamsInbox(adapter, sender, bot.storage.inboundDedup(), slow, ClaimHolder.alone(), bot.clock);
            TeamsMessage m = samSays("act-queued-1", "reflect: waited in a long queue");
            assertThat(busy.take(m)).as("taken and queued behind a slow task").isTrue();

            bot.clock.advance(TeamsInbox.RECOVER_AFTER.plusSeconds(1));
            assertThat(inbox.recoverUnhandled("another-instance")).as("claimed by the instance that queued it").isZero();
            bot.clock.advance(TeamsInbox.HANDLING_LEASE);
            assertThat(inbox.recoverUnhandled("another-instance")).as("its claim ran out").isEqualTo(1);
            assertThat(work.awaitIdle(WAIT)).isTrue();
            int answered = sentTo("/v3/conversations/a:conv-sam/activities", before);
            assertThat(answered).as("recovery answered it").isPositive();

            hold.release();
            assertThat(slow.awaitIdle(WAIT)).isTrue();
            assertThat(sentTo("/v3/conversations/a:conv-sam/activities", before)).as("the queued copy was not answered again").isEqualTo(answered);
        }
        assertThat(samsEntriesWith("waited in a long queue")).isEqualTo(1);
    }

    @Test
    void aKeptMessageMetWithTheStoreDownIsToldItWasKeptAndIsAnsweredOnceByRecoveryWhenTheStoreIsBack() throws Exception {
        int before = connector.activities().size();
        try (TestBot elsewhere = new TestBot(); OrderedWork one = new OrderedWork("outage-work", 1, 10)) {
            // this instance's engine finds its store gone between taking the message in and handling it
            elsewhere.server.close();
            TeamsAdapter cutOff = new TeamsAdapter(elsewhere.engine, elsewhere.storage.conversationRefs(), renderer, bot.clock);
            TeamsInbox outage = new TeamsInbox(cutOff, sender, bot.storage.inboundDedup(), one, ClaimHolder.alone(), bot.clock);
            assertThat(outage.take(samSays("act-outage-1", "reflect: kept through an outage"))).isTrue();
            assertThat(one.awaitIdle(WAIT)).isTrue();
        }
        List<String> told = connector.activities().subList(before, connector.activities().size()).stream()
                .map(r -> r.body().toString()).toList();
        assertThat(told).as("told it was kept, not that nothing was saved").hasSize(1)
                .allSatisfy(body -> assertThat(body).contains("kept your message").doesNotContain("nothing was saved"));
        assertThat(samsEntriesWith("kept through an outage")).isZero();

        // the store is back: once the claim runs out, recovery answers it, once
        bot.clock.advance(TeamsInbox.HANDLING_LEASE.plusSeconds(1));
        assertThat(inbox.recoverUnhandled("back")).isEqualTo(1);
        assertThat(work.awaitIdle(WAIT)).isTrue();
        assertThat(samsEntriesWith("kept through an outage")).isEqualTo(1);
        bot.clock.advance(TeamsInbox.RECOVERY_LEASE.plusMinutes(1));
        assertThat(inbox.recoverUnhandled("back")).as("answered, never again").isZero();
    }
}
