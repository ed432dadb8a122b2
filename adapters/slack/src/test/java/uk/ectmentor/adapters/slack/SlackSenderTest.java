package uk.ectmentor.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.ConversationRefStore;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.DeliveryResult.Outcome;
import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;
import uk.ectmentor.core.testing.MutableClock;
import uk.ectmentor.core.testing.TestBot;

/** The outbound sender against a fake Slack Web API, through the real Slack SDK client. */
class SlackSenderTest {
    private final FakeSlack fake = new FakeSlack();
    private final MutableClock clock = new MutableClock(TestBot.START);
    private final List<Duration> pauses = new ArrayList<>();
    private final SlackSender sender;
    private final UserRef sam = new UserRef("slack", "T1", "U_SAM");

    SlackSenderTest() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setStatsEnabled(false);
        Pacer pacer = d -> {
            pauses.add(d);
            clock.advance(d);
        };
        SlackPoster poster = new SlackPoster(Slack.getInstance(config).methods("xoxb-test"),
                new ChannelLimiter(clock, SlackConfiguration.POST_INTERVAL), pacer, SlackConfiguration.LONGEST_PACE);
        sender = new SlackSender(poster, new SlackRenderer(new SlackForms()));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static List<Message> nudge() {
        return List.of(Message.text("Your meeting with Alex is tomorrow at 15:30."));
    }

    @Test
    void opensTheDirectMessageThenPostsToItsChannel() {
        DeliveryResult result = sender.send(sam, nudge());
        assertThat(result.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(fake.calls()).extracting(FakeSlack.Call::method).containsExactly("conversations.open", "chat.postMessage");
        assertThat(fake.calls("conversations.open").get(0).param("users")).isEqualTo("U_SAM");
        FakeSlack.Call post = fake.calls("chat.postMessage").get(0);
        assertThat(post.param("channel")).isEqualTo("D-U_SAM");
        assertThat(post.param("text")).contains("meeting with Alex");
        assertThat(post.json("blocks").toString()).contains("Your meeting with Alex is tomorrow");
        assertThat(pauses).isEmpty();
    }

    @Test
    void aRateLimitComesBackAsRetryLaterWithSlacksRetryAfter() {
        fake.answerNext("chat.postMessage", 429, "{\"ok\":false,\"error\":\"ratelimited\"}", Map.of("Retry-After", "7"));
        DeliveryResult result = sender.send(sam, nudge());
        assertThat(result.outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(pauses).isEmpty();

        // sam's channel is remembered now; someone new needs conversations.open
        fake.answerNext("conversations.open", 429, "{\"ok\":false,\"error\":\"ratelimited\"}", Map.of("Retry-After", "30"));
        assertThat(sender.send(new UserRef("slack", "T1", "U_ALEX"), nudge()).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aServerErrorIsRetriedLater() {
        fake.answerNext("chat.postMessage", 503, "{\"ok\":false,\"error\":\"service_unavailable\"}", Map.of());
        assertThat(sender.send(sam, nudge()).outcome()).isEqualTo(Outcome.RETRY_LATER);
        fake.failNext("chat.postMessage", "internal_error");
        assertThat(sender.send(sam, nudge()).outcome()).isEqualTo(Outcome.RETRY_LATER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"account_inactive", "user_not_found", "channel_not_found", "not_in_channel", "invalid_auth"})
    void aPersonWhoCannotBeReachedIsUndeliverable(String error) {
        fake.failNext("conversations.open", error);
        DeliveryResult opening = sender.send(sam, nudge());
        assertThat(opening.outcome()).isEqualTo(Outcome.UNDELIVERABLE);
        assertThat(opening.detail()).contains(error);

        fake.failNext("chat.postMessage", error);
        DeliveryResult posting = sender.send(sam, nudge());
        assertThat(posting.outcome()).isEqualTo(Outcome.UNDELIVERABLE);
        assertThat(posting.detail()).isEqualTo("chat.postMessage: " + error);
    }

    @Test
    void sendsToOneChannelAreAboutASecondApartAndOtherChannelsDoNotWait() {
        assertThat(sender.send(sam, nudge()).outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(sender.send(sam, nudge()).outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(sender.send(new UserRef("slack", "T1", "U_ALEX"), nudge()).outcome()).isEqualTo(Outcome.DELIVERED);
        // alex's post does not wait for sam's channel; only opening alex's DM waits its Tier 3 turn (1.25 s after sam's)
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(250));
        assertThat(fake.calls("conversations.open")).hasSize(2);
    }

    @Test
    void aLongNudgeIsSentAsSeveralPacedMessagesWithinTheBlockLimit() {
        Message.Builder m = Message.builder();
        for (int i = 0; i < 120; i++) {
            m.text("Point " + i);
        }
        assertThat(sender.send(sam, List.of(m.build())).outcome()).isEqualTo(Outcome.DELIVERED);
        List<FakeSlack.Call> posts = fake.calls("chat.postMessage");
        assertThat(posts).hasSize(3);
        assertThat(posts).allSatisfy(p -> assertThat(p.json("blocks").size()).isLessThanOrEqualTo(50));
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void aQueueLongerThanThePacerMayWaitIsPutOff() {
        ChannelLimiter limiter = new ChannelLimiter(clock, Duration.ofSeconds(1));
        assertThat(limiter.reserve("D1")).isEqualTo(Duration.ZERO);
        assertThat(limiter.reserve("D1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.reserve("D1")).isEqualTo(Duration.ofSeconds(2));
        assertThat(limiter.reserve("D2")).isEqualTo(Duration.ZERO);
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.reserve("D1")).isEqualTo(Duration.ZERO);

        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setStatsEnabled(false);
        ChannelLimiter busy = new ChannelLimiter(clock, Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            busy.reserve("D-U_SAM");
        }
        SlackPoster poster = new SlackPoster(Slack.getInstance(config).methods("xoxb-test"), busy, pauses::add, Duration.ofSeconds(3));
        DeliveryResult result = new SlackSender(poster, new SlackRenderer(new SlackForms())).send(sam, nudge());
        assertThat(result.outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fake.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void aSecondNudgeToAUserMakesNoConversationsOpenEvenAfterARestart() {
        try (EmbeddedMongo server = EmbeddedMongo.inMemory();
             MongoStorage storage = MongoStorage.connect(server.connectionString(), "test")) {
            SlackPoster poster = poster(new ChannelLimiter(clock, SlackConfiguration.POST_INTERVAL, SlackConfiguration.POSTS_PER_MINUTE));
            SlackSender first = new SlackSender(poster, new SlackRenderer(new SlackForms()),
                    new DmChannels(poster, storage.conversationRefs(), clock));
            assertThat(first.send(sam, nudge()).outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(first.send(sam, nudge()).outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(fake.calls("conversations.open")).hasSize(1);
            assertThat(storage.conversationRefs().find(sam)).get()
                    .extracting(ConversationRefStore.Stored::reference).isEqualTo("D-U_SAM");

            // another instance (or this one after a restart) finds it in the store
            SlackSender restarted = new SlackSender(poster, new SlackRenderer(new SlackForms()),
                    new DmChannels(poster, storage.conversationRefs(), clock));
            assertThat(restarted.send(sam, nudge()).outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(fake.calls("conversations.open")).hasSize(1);
            assertThat(fake.calls("chat.postMessage")).hasSize(3).allSatisfy(c -> assertThat(c.param("channel")).isEqualTo("D-U_SAM"));

            // a direct message from alex teaches the channel without asking Slack
            UserRef alex = new UserRef("slack", "T1", "U_ALEX");
            new DmChannels(poster, storage.conversationRefs(), clock).remember(alex, "D_FROM_EVENT");
            assertThat(restarted.send(alex, nudge()).outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(fake.calls("conversations.open")).hasSize(1);
            assertThat(fake.calls("chat.postMessage").get(3).param("channel")).isEqualTo("D_FROM_EVENT");
        }
    }

    @Test
    void theWorkspacePaceKeepsAnyMinuteAtItsFigureAcrossChannels() {
        ChannelLimiter limiter = new ChannelLimiter(clock, Duration.ofSeconds(1), 295);
        List<java.time.Instant> sends = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            clock.advance(limiter.reserve("D" + i));
            sends.add(clock.instant());
        }
        assertThat(maxIn(sends, Duration.ofMinutes(1))).isEqualTo(295);
        // 899 even gaps: about three minutes for 900 posts
        assertThat(Duration.between(sends.get(0), sends.get(899)).toMillis()).isBetween(182_800L, 182_900L);

        // parallel sends asked for at one instant are spaced, and one channel still waits its second
        ChannelLimiter fresh = new ChannelLimiter(clock, Duration.ofSeconds(1), 300);
        assertThat(fresh.reserve("A")).isZero();
        assertThat(fresh.reserve("B")).isEqualTo(Duration.ofMillis(200));
        assertThat(fresh.reserve("C")).isEqualTo(Duration.ofMillis(400));
        assertThat(fresh.reserve("A")).isEqualTo(Duration.ofSeconds(1));
        // a slot too far away is not booked, so it holds nobody up
        assertThat(fresh.tryReserve("A", Duration.ofMillis(500))).isEqualTo(new ChannelLimiter.Slot(Duration.ofSeconds(2), false));
        assertThat(fresh.reserve("D")).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void twoInstancesEachTakeHalfTheWorkspacePaceAndOneLeftAloneTakesItAll() {
        ChannelLimiter limiter = new ChannelLimiter(clock, Duration.ofSeconds(1), 300);
        limiter.share(2);
        assertThat(limiter.reserve("A")).isZero();
        assertThat(limiter.reserve("B")).as("150 a minute: 400 ms apart").isEqualTo(Duration.ofMillis(400));
        List<java.time.Instant> sends = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            clock.advance(limiter.reserve("S" + i));
            sends.add(clock.instant());
        }
        assertThat(maxIn(sends, Duration.ofMinutes(1))).isEqualTo(150);

        limiter.share(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.reserve("C")).isZero();
        assertThat(limiter.reserve("D")).isEqualTo(Duration.ofMillis(200));
        assertThatThrownBy(() -> limiter.share(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConfiguredPosterTakesItsShareFromTheInstancesOnTheStore() throws Exception {
        try (EmbeddedMongo server = EmbeddedMongo.inMemory();
             MongoStorage storage = MongoStorage.connect(server.connectionString(), "share")) {
            InstanceShare share = new InstanceShare(storage.instances(), clock, "here");
            org.springframework.beans.factory.support.StaticListableBeanFactory beans =
                    new org.springframework.beans.factory.support.StaticListableBeanFactory(java.util.Map.of("share", share));
            SlackPoster poster = new SlackConfiguration().slackPoster(Slack.getInstance(config()).methods("xoxb-test"), clock,
                    beans.getBeanProvider(Pacer.class), beans.getBeanProvider(InstanceShare.class), 300, 48);
            share.beat();
            assertThat(poster.workspaceSpacing()).isEqualTo(Duration.ofMillis(200));

            storage.instances().beat("another-instance", clock.instant().plus(InstanceShare.LASTS));
            share.beat();
            assertThat(poster.workspaceSpacing()).as("two instances: 150 a minute each").isEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void aWorkspaceQueueLongerThanTheLongestPauseComesBackAsRetryLaterWithoutCallingSlack() {
        List<Duration> asked = new ArrayList<>();
        // one a second across the workspace; the pacer does not move the clock, as parallel sends would see it
        SlackPoster poster = new SlackPoster(Slack.getInstance(config()).methods("xoxb-test"),
                new ChannelLimiter(clock, SlackConfiguration.POST_INTERVAL, 60), asked::add, SlackConfiguration.LONGEST_PACE);
        DmChannels dms = new DmChannels(poster, null, clock);
        SlackSender paced = new SlackSender(poster, new SlackRenderer(new SlackForms()), dms);
        List<DeliveryResult> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UserRef u = new UserRef("slack", "T1", "U" + i);
            dms.remember(u, "D" + i);
            results.add(paced.send(u, nudge()));
        }
        assertThat(results).extracting(DeliveryResult::outcome).containsExactly(Outcome.DELIVERED, Outcome.DELIVERED,
                Outcome.DELIVERED, Outcome.DELIVERED, Outcome.RETRY_LATER);
        assertThat(asked).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
        assertThat(results.get(4).retryAfter()).isEqualTo(Duration.ofSeconds(4));
        assertThat(fake.calls("chat.postMessage")).hasSize(4);
        assertThat(fake.calls("conversations.open")).isEmpty();
    }

    @Test
    void aNudgeWaitsLongerForThePaceThanAReplyWould() {
        List<Duration> asked = new ArrayList<>();
        SlackPoster poster = new SlackPoster(Slack.getInstance(config()).methods("xoxb-test"),
                new ChannelLimiter(clock, SlackConfiguration.POST_INTERVAL, 60), asked::add, SlackConfiguration.LONGEST_PACE);
        DmChannels dms = new DmChannels(poster, null, clock);
        SlackSender nudges = new SlackSender(poster, new SlackRenderer(new SlackForms()), dms, SlackConfiguration.LONGEST_NUDGE_PACE);
        List<DeliveryResult> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UserRef u = new UserRef("slack", "T1", "U" + i);
            dms.remember(u, "D" + i);
            results.add(nudges.send(u, nudge()));
        }
        // one a second: the 11th waits 10 s (the nudge limit), the 12th would wait 11 s and is put off
        assertThat(results.subList(0, 11)).allMatch(r -> r.outcome() == Outcome.DELIVERED);
        assertThat(results.get(11).outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(asked).last().isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void conversationsOpenIsPacedToTierThree() {
        List<Duration> asked = new ArrayList<>();
        SlackPoster poster = new SlackPoster(Slack.getInstance(config()).methods("xoxb-test"),
                new ChannelLimiter(clock, SlackConfiguration.POST_INTERVAL), asked::add, SlackConfiguration.LONGEST_PACE);
        SlackSender paced = new SlackSender(poster, new SlackRenderer(new SlackForms()));
        List<DeliveryResult> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(paced.send(new UserRef("slack", "T1", "U" + i), nudge()));
        }
        // 48 a minute: 1.25 s apart; the fourth would wait 3.75 s, more than the 3 s the sender pauses inline
        assertThat(asked).containsExactly(Duration.ofMillis(1250), Duration.ofMillis(2500));
        assertThat(results.get(3).outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(results.get(3).retryAfter()).isEqualTo(Duration.ofMillis(3750));
        assertThat(results.get(3).detail()).contains("conversations.open").contains("Tier 3");
        assertThat(fake.calls("conversations.open")).hasSize(3);
    }

    private SlackConfig config() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setStatsEnabled(false);
        return config;
    }

    private SlackPoster poster(ChannelLimiter limiter) {
        return new SlackPoster(Slack.getInstance(config()).methods("xoxb-test"), limiter, d -> {
            pauses.add(d);
            clock.advance(d);
        }, SlackConfiguration.LONGEST_PACE);
    }

    private static int maxIn(List<java.time.Instant> sends, Duration window) {
        int max = 0;
        int from = 0;
        for (int to = 0; to < sends.size(); to++) {
            while (!sends.get(from).isAfter(sends.get(to).minus(window))) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }

    @Test
    void aUserOfAnotherPlatformIsNotSlacks() {
        assertThat(sender.send(UserRef.web("sam"), nudge()).outcome()).isEqualTo(Outcome.UNDELIVERABLE);
        assertThat(fake.calls()).isEmpty();
    }
}
