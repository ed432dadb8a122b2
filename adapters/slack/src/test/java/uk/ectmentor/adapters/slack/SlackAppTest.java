package uk.ectmentor.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.ConversationRefStore;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.reflect.LogEntry;
import uk.ectmentor.core.testing.TestBot;

/** The adapter in a running app: signed requests in, a fake Slack Web API out. */
@SpringBootTest(classes = SlackTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlackAppTest {
    static final FakeSlack FAKE = FakeSlack.shared();
    private static final Duration WAIT = Duration.ofSeconds(20);

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
    SlackSender sender;

    SignedRequests slack;

    @BeforeEach
    void setUp() throws InterruptedException {
        work.awaitIdle(WAIT);
        FAKE.reset();
        slack = new SignedRequests(port, SlackTestApp.SECRET, bot.clock);
        bot.clock.advance(Duration.ofHours(1));
    }

    private void idle() throws InterruptedException {
        assertThat(work.awaitIdle(WAIT)).isTrue();
    }

    private static String text(FakeSlack.Call postMessage) {
        return BlockKitText.reply(postMessage.json("blocks"), new SlackForms()).text();
    }

    private List<LogEntry> samsLog() {
        return bot.storage.learningLog().recent("sam", 100);
    }

    @Test
    void slashCommandIsAcknowledgedEmptyAndAnsweredPrivatelyThroughTheResponseUrl() throws Exception {
        HttpResponse<String> r = slack.command(SlackTestApp.ALEX, "prompts", FAKE.responseUrl());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        idle();
        List<FakeSlack.Call> posts = FAKE.calls("response_url");
        assertThat(posts).hasSize(1);
        JsonNode body = posts.get(0).json(null);
        assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(BlockKitText.reply(body.path("blocks"), new SlackForms()).text())
                .contains("# Review · 5 min", "Section 1/4", "Give Year 9 whole-class feedback");
    }

    @Test
    void directMessageIsHandledAndRepliedInTheSameChannel() throws Exception {
        HttpResponse<String> r = slack.dm(SlackTestApp.SAM, "reflect: Cold calling kept every pupil thinking");
        assertThat(r.statusCode()).isEqualTo(200);
        List<FakeSlack.Call> posts = FAKE.await("chat.postMessage", 1, WAIT);
        assertThat(posts.get(0).param("channel")).isEqualTo("D-" + SlackTestApp.SAM);
        assertThat(posts.get(0).headers().get("Authorization")).containsExactly("Bearer xoxb-test-token");
        assertThat(text(posts.get(0))).contains("Saved to your learning log");
        assertThat(posts.get(0).param("text")).contains("Saved to your learning log");
        assertThat(samsLog()).extracting(LogEntry::text).contains("Cold calling kept every pupil thinking");
    }

    @Test
    void aButtonPressBecomesTheCoreActionWithItsValue() throws Exception {
        slack.dm(SlackTestApp.SAM, "The exit ticket showed half the class had the misconception.");
        FakeSlack.Call offer = FAKE.await("chat.postMessage", 1, WAIT).get(0);
        var save = BlockKitText.reply(offer.json("blocks"), new SlackForms()).clickables().stream()
                .filter(c -> c.label().equals("Save reflection")).findFirst().orElseThrow();
        assertThat(save.actionId()).startsWith("reflect.save~");

        HttpResponse<String> r = slack.blockAction(SlackTestApp.SAM, save.actionId(), save.value());
        assertThat(r.statusCode()).isEqualTo(200);
        List<FakeSlack.Call> posts = FAKE.await("chat.postMessage", 2, WAIT);
        assertThat(text(posts.get(1))).contains("Saved to your learning log");
        assertThat(samsLog()).extracting(LogEntry::text).contains("The exit ticket showed half the class had the misconception.");
    }

    @Test
    void aFormOpensAsAModalAndItsSubmissionReachesTheEngine() throws Exception {
        Block.Form form = new Block.Form("A quick check-in about this week's marking",
                List.of(Block.Field.longText("went", "What went well?", true),
                        Block.Field.choice("mood", "How was the week?", false,
                                List.of(new Block.Option("Good", "good"), new Block.Option("Hard", "hard")))),
                Button.command("Send", "log"));
        String value = new SlackForms().encode(form);
        HttpResponse<String> opened = slack.blockAction(SlackTestApp.SAM, SlackRenderer.OPEN_FORM + "~0", value);
        assertThat(opened.statusCode()).isEqualTo(200);
        FakeSlack.Call viewsOpen = FAKE.await("views.open", 1, WAIT).get(0);
        assertThat(viewsOpen.param("trigger_id")).startsWith("trig-");
        JsonNode view = viewsOpen.json("view");
        assertThat(view.path("type").asText()).isEqualTo("modal");
        assertThat(view.path("title").path("text").asText()).hasSizeLessThanOrEqualTo(24);
        assertThat(view.path("blocks").toString()).contains("What went well?", "\"block_id\":\"went\"", "\"block_id\":\"mood\"");
        String metadata = view.path("private_metadata").asText();

        HttpResponse<String> invalid = slack.viewSubmission(SlackTestApp.SAM, "V-1", metadata, Map.of("went", "   "));
        assertThat(invalid.statusCode()).isEqualTo(200);
        JsonNode errors = FakeSlack.JSON.readTree(invalid.body());
        assertThat(errors.path("response_action").asText()).isEqualTo("errors");
        assertThat(errors.path("errors").path("went").asText()).isEqualTo("Please fill this in.");

        HttpResponse<String> tooLong = slack.viewSubmission(SlackTestApp.SAM, "V-2", metadata, Map.of("went", "x".repeat(9_000)));
        assertThat(FakeSlack.JSON.readTree(tooLong.body()).path("errors").path("went").asText()).contains("up to 8000");
        idle();
        assertThat(FAKE.calls("chat.postMessage")).isEmpty();

        HttpResponse<String> ok = slack.viewSubmission(SlackTestApp.SAM, "V-3", metadata, Map.of("went", "Feedback lessons"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).doesNotContain("errors");
        FakeSlack.Call reply = FAKE.await("chat.postMessage", 1, WAIT).get(0);
        assertThat(reply.param("channel")).isEqualTo("D-" + SlackTestApp.SAM);
        assertThat(text(reply)).contains("Your learning log");
    }

    @Test
    void appHomeShowsThisWeeksSessionActionsAndNextMeeting() throws Exception {
        ObjectNode event = FakeSlack.JSON.createObjectNode().put("type", "app_home_opened").put("user", SlackTestApp.SAM)
                .put("channel", "D-" + SlackTestApp.SAM).put("tab", "home").put("event_ts", "1700000000.1");
        HttpResponse<String> r = slack.event(slack.envelope(event, SignedRequests.id("Ev")), Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        FakeSlack.Call publish = FAKE.await("views.publish", 1, WAIT).get(0);
        assertThat(publish.param("user_id")).isEqualTo(SlackTestApp.SAM);
        JsonNode view = publish.json("view");
        assertThat(view.path("type").asText()).isEqualTo("home");
        assertThat(view.path("blocks").size()).isBetween(1, 100);
        assertThat(BlockKitText.reply(view.path("blocks"), new SlackForms()).text())
                .contains("Hello Sam", "This week with Alex", "Module 4, week 6", "Next meeting: Thursday",
                        "Give Year 9 whole-class feedback", "Your recent learning log");
    }

    @Test
    void badMissingAndStaleSignaturesAreRefusedWith401() throws Exception {
        String body = slack.dmEvent(SlackTestApp.SAM, "reflect: forged", SignedRequests.id("Ev")).toString();
        String now = String.valueOf(bot.clock.instant().getEpochSecond());
        assertThat(slack.send(body, "application/json", now, "v0=" + "0".repeat(64), Map.of()).statusCode()).isEqualTo(401);
        assertThat(slack.send(body, "application/json", now, slack.signature(now, body + " "), Map.of()).statusCode()).isEqualTo(401);
        assertThat(slack.send(body, "application/json", null, null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(slack.send(body, "application/json", now, null, Map.of()).statusCode()).isEqualTo(401);
        String stale = String.valueOf(bot.clock.instant().minus(Duration.ofMinutes(6)).getEpochSecond());
        assertThat(slack.send(body, "application/json", stale, slack.signature(stale, body), Map.of()).statusCode()).isEqualTo(401);
        String future = String.valueOf(bot.clock.instant().plus(Duration.ofMinutes(6)).getEpochSecond());
        assertThat(slack.send(body, "application/json", future, slack.signature(future, body), Map.of()).statusCode()).isEqualTo(401);
        idle();
        assertThat(FAKE.calls()).isEmpty();
        assertThat(samsLog()).extracting(LogEntry::text).doesNotContain("forged");
    }

    @Test
    void aRetriedEventIsAcknowledgedButProcessedOnce() throws Exception {
        ObjectNode event = slack.dmEvent(SlackTestApp.SAM, "reflect: Retried once, stored once", SignedRequests.id("Ev"));
        assertThat(slack.event(event, Map.of()).statusCode()).isEqualTo(200);
        assertThat(slack.event(event, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")).statusCode()).isEqualTo(200);
        assertThat(slack.event(event, Map.of("X-Slack-Retry-Num", "2", "X-Slack-Retry-Reason", "http_error")).statusCode()).isEqualTo(200);
        idle();
        assertThat(FAKE.calls("chat.postMessage")).hasSize(1);
        assertThat(samsLog()).extracting(LogEntry::text).containsOnlyOnce("Retried once, stored once");
    }

    @Test
    void ignoredMessageSubtypesAndEventsAreAcknowledgedWith200() throws Exception {
        for (String subtype : List.of("message_changed", "message_deleted", "bot_message", "channel_join", "file_share")) {
            ObjectNode event = slack.dmEvent(SlackTestApp.SAM, "edited text", SignedRequests.id("Ev")).deepCopy();
            ObjectNode e = (ObjectNode) event.get("event");
            e.put("subtype", subtype);
            if (subtype.equals("bot_message")) {
                e.put("bot_id", "BOTHER");
            }
            assertThat(slack.event(event, Map.of()).statusCode()).as(subtype).isEqualTo(200);
        }
        ObjectNode botDm = slack.dmEvent(SlackTestApp.SAM, "from a bot", SignedRequests.id("Ev"));
        ((ObjectNode) botDm.get("event")).put("bot_id", "BBOT");
        assertThat(slack.event(botDm, Map.of()).statusCode()).isEqualTo(200);
        ObjectNode reaction = FakeSlack.JSON.createObjectNode().put("type", "reaction_added").put("user", SlackTestApp.SAM)
                .put("reaction", "thumbsup");
        assertThat(slack.event(slack.envelope(reaction, SignedRequests.id("Ev")), Map.of()).statusCode()).isEqualTo(200);
        ObjectNode channelMessage = slack.dmEvent(SlackTestApp.SAM, "in a channel", SignedRequests.id("Ev"));
        ((ObjectNode) channelMessage.get("event")).put("channel_type", "channel");
        assertThat(slack.event(channelMessage, Map.of()).statusCode()).isEqualTo(200);
        idle();
        assertThat(FAKE.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void urlVerificationIsAnswered() {
        HttpResponse<String> r = slack.post("{\"token\":\"legacy\",\"challenge\":\"abc123\",\"type\":\"url_verification\"}",
                "application/json", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("abc123");
    }

    @Test
    void nonAsciiTextArrivesIntactUnderTheSignature() throws Exception {
        String thought = "Élodie’s group — naïve “fractions” in 数学 ✓ 👍 & <b>not markup</b>";
        HttpResponse<String> r = slack.dm(SlackTestApp.SAM, "reflect: " + SlackText.escape(thought));
        assertThat(r.statusCode()).isEqualTo(200);
        FakeSlack.Call reply = FAKE.await("chat.postMessage", 1, WAIT).get(0);
        assertThat(text(reply)).contains("Saved to your learning log");
        assertThat(samsLog()).extracting(LogEntry::text).contains(thought);

        HttpResponse<String> command = slack.command(SlackTestApp.SAM, "reflect: Café conversation ✓", FAKE.responseUrl());
        assertThat(command.statusCode()).isEqualTo(200);
        idle();
        assertThat(samsLog()).extracting(LogEntry::text).contains("Café conversation ✓");
    }

    @Test
    void aFortyThousandCharacterMessageIsRefusedPolitelyAndNothingIsSaved() throws Exception {
        int before = samsLog().size();
        HttpResponse<String> r = slack.dm(SlackTestApp.SAM, "reflect: " + "a".repeat(40_000));
        assertThat(r.statusCode()).isEqualTo(200);
        FakeSlack.Call reply = FAKE.await("chat.postMessage", 1, WAIT).get(0);
        assertThat(text(reply)).contains("40009 characters long", "Nothing was saved");
        assertThat(samsLog()).hasSize(before);
    }

    @Test
    void theAcknowledgementDoesNotWaitForTheReply() throws Exception {
        CountDownLatch release = FAKE.hold("chat.postMessage");
        try {
            HttpResponse<String> r = slack.dm(SlackTestApp.SAM, "help");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(FAKE.calls("chat.postMessage")).isEmpty();
        } finally {
            release.countDown();
        }
        assertThat(text(FAKE.await("chat.postMessage", 1, WAIT).get(0))).contains("What I can do");
    }

    @Test
    void aStrangerGetsTheStrangerReplyAndCanLinkWithACode() throws Exception {
        slack.dm("U_NEW", "hello");
        assertThat(text(FAKE.await("chat.postMessage", 1, WAIT).get(0))).contains("don't know you yet");

        String reply = bot.channel().say("sam", "link").get(0).text();
        String code = reply.replaceAll("(?s).*linking code is \\*([A-Z0-9]{6})\\*.*", "$1");
        slack.dm("U_NEW", "link " + code);
        assertThat(text(FAKE.await("chat.postMessage", 2, WAIT).get(1))).contains("Linked. Hello Sam");
        assertThat(bot.storage.people().personFor(new uk.ectmentor.core.chat.UserRef("slack", "T1", "U_NEW")))
                .map(p -> p.id()).contains("sam");
    }

    @Test
    void repliesToOneChannelArePacedAtAboutOneASecond() throws Exception {
        SlackTestApp.PAUSES.clear();
        slack.dm(SlackTestApp.ALEX, "prompts");
        slack.dm(SlackTestApp.ALEX, "next");
        idle();
        assertThat(FAKE.calls("chat.postMessage")).hasSize(2);
        assertThat(SlackTestApp.PAUSES).isNotEmpty().allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void aReplySlackHoldsUpIsSentOnceTheWaitsAreOverAndGivenUpOnlyAfterAMinute() throws Exception {
        SlackTestApp.PAUSES.clear();
        String limited = "{\"ok\":false,\"error\":\"ratelimited\"}";
        FAKE.answerNext("chat.postMessage", 429, limited, Map.of("Retry-After", "20"));
        FAKE.answerNext("chat.postMessage", 429, limited, Map.of("Retry-After", "30"));
        slack.dm(SlackTestApp.SAM, "reflect: held up twice by Slack");
        idle();
        assertThat(FAKE.calls("chat.postMessage")).as("two 429s, then through").hasSize(3);
        assertThat(text(FAKE.calls("chat.postMessage").get(2))).contains("Saved to your learning log");
        assertThat(SlackTestApp.PAUSES).contains(Duration.ofSeconds(20), Duration.ofSeconds(30));

        FAKE.reset();
        bot.clock.advance(Duration.ofMinutes(1));
        FAKE.answerNext("chat.postMessage", 429, limited, Map.of("Retry-After", "45"));
        FAKE.answerNext("chat.postMessage", 429, limited, Map.of("Retry-After", "45"));
        slack.dm(SlackTestApp.SAM, "reflect: held up too long");
        idle();
        assertThat(FAKE.calls("chat.postMessage")).as("a second wait of 45 s would pass the minute: given up").hasSize(2);
        assertThat(samsLog()).anyMatch(e -> e.text().equals("held up too long"));
    }

    @Test
    void aReplySlackFailsToTakeIsTriedAgainWithLongerWaits() throws Exception {
        SlackTestApp.PAUSES.clear();
        for (int i = 0; i < 3; i++) {
            FAKE.failNext("chat.postMessage", "internal_error");
        }
        slack.dm(SlackTestApp.SAM, "reflect: Slack erred three times");
        idle();
        assertThat(FAKE.calls("chat.postMessage")).as("three failures, then through").hasSize(4);
        assertThat(SlackTestApp.PAUSES).containsSubsequence(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aButtonInAPrivateReplyIsAnsweredPrivatelyThroughItsResponseUrl() throws Exception {
        HttpResponse<String> r = slack.blockAction(SlackTestApp.ALEX, "say~0", "prompts", "C-STAFFROOM", FAKE.responseUrl());
        assertThat(r.statusCode()).isEqualTo(200);
        idle();
        assertThat(FAKE.calls("chat.postMessage")).isEmpty();
        JsonNode body = FAKE.calls("response_url").get(0).json(null);
        assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(body.path("replace_original").asBoolean(true)).isFalse();
        assertThat(body.path("blocks").toString()).contains("Review · 5 min");
    }

    @Test
    void aReplyToAChannelTheBotIsNotInGoesByDirectMessageInstead() throws Exception {
        FAKE.failNext("chat.postMessage", "not_in_channel");
        HttpResponse<String> r = slack.blockAction(SlackTestApp.SAM, "say~1", "log", "C-STAFFROOM", null);
        assertThat(r.statusCode()).isEqualTo(200);
        idle();
        List<FakeSlack.Call> posts = FAKE.calls("chat.postMessage");
        assertThat(posts).extracting(c -> c.param("channel")).containsExactly("C-STAFFROOM", "D-" + SlackTestApp.SAM);
        // sam's DM channel is opened once, or not at all when an earlier message from sam made it known
        assertThat(FAKE.calls("conversations.open")).hasSizeLessThanOrEqualTo(1)
                .allSatisfy(c -> assertThat(c.param("users")).isEqualTo(SlackTestApp.SAM));
        assertThat(text(posts.get(1))).contains("Your learning log");
    }

    @Test
    void aDirectMessageTeachesTheBotTheChannelSoANudgeNeedsNoConversationsOpen() throws Exception {
        slack.dm(SlackTestApp.ALEX, "help");
        idle();
        UserRef alex = new UserRef("slack", SlackTestApp.TEAM, SlackTestApp.ALEX);
        assertThat(bot.storage.conversationRefs().find(alex)).get()
                .extracting(ConversationRefStore.Stored::reference).isEqualTo("D-" + SlackTestApp.ALEX);
        FAKE.reset();
        DeliveryResult result = sender.send(alex, List.of(uk.ectmentor.core.chat.Message.text("Your meeting with Sam is tomorrow.")));
        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(FAKE.calls("conversations.open")).isEmpty();
        assertThat(FAKE.calls("chat.postMessage")).singleElement()
                .satisfies(c -> assertThat(c.param("channel")).isEqualTo("D-" + SlackTestApp.ALEX));
    }

    @Test
    void aSignedPayloadOfTheWrongShapeIsA400AndNothingHappens() throws Exception {
        String body = "{\"type\":\"event_callback\",\"team_id\":\"" + SlackTestApp.TEAM + "\",\"event_id\":\"EvShape\","
                + "\"event\":{\"type\":\"message\",\"channel_type\":\"im\",\"user\":{\"$ne\":null},\"text\":\"reflect: injected\",\"channel\":\"D1\"}}";
        assertThat(slack.post(body, "application/json", Map.of()).statusCode()).isEqualTo(400);
        idle();
        assertThat(FAKE.calls()).isEmpty();
    }

    @Test
    void aBodyWithoutADeclaredLengthIsReadWholeAndOversizedOnesAreRefused() throws Exception {
        String dm = slack.dmEvent(SlackTestApp.SAM, "reflect: Streamed without a length", SignedRequests.id("Ev")).toString();
        assertThat(slack.postUnsized(dm, "application/json").statusCode()).isEqualTo(200);
        FAKE.await("chat.postMessage", 1, WAIT);
        assertThat(samsLog()).extracting(LogEntry::text).contains("Streamed without a length");

        String oversized = "{\"type\":\"event_callback\",\"pad\":\"" + "p".repeat(SlackEndpoint.MAX_BODY) + "\"}";
        assertThat(slack.postUnsized(oversized, "application/json").statusCode()).isEqualTo(413);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeAnythingElse() throws Exception {
        String body = "{\"type\":\"event_callback\",\"pad\":\"" + "p".repeat(SlackEndpoint.MAX_BODY) + "\"}";
        assertThat(slack.post(body, "application/json", Map.of()).statusCode()).isEqualTo(413);
        idle();
        assertThat(FAKE.calls()).isEmpty();
    }
}
