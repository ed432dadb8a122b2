package uk.ectmentor.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;

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
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.DeliveryResult.Outcome;
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

        fake.answerNext("conversations.open", 429, "{\"ok\":false,\"error\":\"ratelimited\"}", Map.of("Retry-After", "30"));
        assertThat(sender.send(sam, nudge()).retryAfter()).isEqualTo(Duration.ofSeconds(30));
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
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
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
    void aUserOfAnotherPlatformIsNotSlacks() {
        assertThat(sender.send(UserRef.web("sam"), nudge()).outcome()).isEqualTo(Outcome.UNDELIVERABLE);
        assertThat(fake.calls()).isEmpty();
    }
}
