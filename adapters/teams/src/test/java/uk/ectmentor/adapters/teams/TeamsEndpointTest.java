package uk.ectmentor.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.ConversationRefStore;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.testing.Reply;
import uk.ectmentor.core.testing.TestBot;

/**
 * The running app with authentication off (no app id), activities POSTed as Teams would, and a fake
 * Bot Framework connector on loopback as the serviceUrl recording everything the bot sends.
 */
@SpringBootTest(classes = TeamsTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TeamsEndpointTest {
    private static final FakeConnector connector = new FakeConnector();

    @LocalServerPort
    int port;
    @Autowired
    TestBot bot;
    @Autowired
    uk.ectmentor.core.delivery.OrderedWork work;
    @Autowired
    BotFrameworkPort framework;
    @Autowired
    ConversationRefStore refs;
    @Autowired
    AdaptiveCardRenderer renderer;

    TeamsChannel execute;
    TeamsChannel submit;
    final List<Duration> slept = new ArrayList<>();
    TeamsSender sender;

    @BeforeEach
    void setUp() {
        execute = new TeamsChannel(port, connector, bot.clock, TeamsChannel.Press.EXECUTE, work);
        submit = new TeamsChannel(port, connector, bot.clock, TeamsChannel.Press.SUBMIT, work);
        sender = new TeamsSender(framework, refs, renderer, bot.clock, d -> {
            slept.add(d);
            bot.clock.advance(d);
        }, new Random(7));
    }

    @AfterAll
    static void stop() {
        connector.close();
    }

    @Test
    void aTypedMessageIsAnsweredThroughTheConnectorAndItsReferenceStored() {
        List<Reply> replies = execute.say("alex", "help");
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).text()).contains("What I can do").contains("prompts");
        FakeConnector.Received sent = connector.activities().get(connector.activities().size() - 1);
        assertThat(sent.path()).startsWith("/v3/conversations/a:conv-alex/activities");
        assertThat(sent.body().path("recipient").path("id").asText()).isEqualTo("29:alex");
        assertThat(sent.body().path("attachments").get(0).path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(refs.find(TeamsTestApp.teamsUser("alex"))).get().satisfies(s -> {
            assertThat(s.reachable()).isTrue();
            assertThat(s.reference()).contains(connector.url()).contains("a:conv-alex");
        });
    }

    @Test
    void aMessageIsAnsweredBeforeItsRepliesAreSent() throws InterruptedException {
        int before = connector.activities().size();
        java.util.concurrent.CountDownLatch connectorHeld = new java.util.concurrent.CountDownLatch(1);
        connector.hold = connectorHeld;
        try {
            ObjectNode activity = execute.activity("alex", "message").put("text", "help");
            HttpResponse<String> response = execute.postOnly(activity);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).as("Teams needs no body for a message").isEmpty();
            assertThat(connector.activities()).as("answered while the reply is still held at the connector").hasSize(before);
        } finally {
            connector.hold = null;
            connectorHeld.countDown();
        }
        assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(connector.activities()).hasSize(before + 1);
        assertThat(execute.replies(connector.activities().get(before).body()).get(0).text()).contains("What I can do");
    }

    private ObjectNode pressNext(Reply.Clickable next) {
        ObjectNode invoke = execute.activity("alex", "invoke");
        invoke.put("name", "adaptiveCard/action");
        ObjectNode action = invoke.putObject("value").putObject("action");
        action.put("type", "Action.Execute").put("verb", next.actionId());
        action.putObject("data").put(AdaptiveCardRenderer.ACTION_KEY, next.actionId()).put(AdaptiveCardRenderer.VALUE_KEY, next.value());
        return invoke;
    }

    /** Waits (bounded) until the Teams workers hold {@code tasks} tasks. */
    private void awaitBacklog(int tasks) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (work.backlog() < tasks) {
            assertThat(System.nanoTime()).as("%s tasks queued in time", tasks).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aButtonPressedWhileAnEarlierMessageIsStillBeingAnsweredWaitsItsTurn() throws Exception {
        Reply.Clickable next = execute.say("alex", "prompts").get(0).clickables().get(0);
        int before = connector.activities().size();
        java.util.concurrent.CountDownLatch connectorHeld = new java.util.concurrent.CountDownLatch(1);
        connector.hold = connectorHeld;
        java.util.concurrent.CompletableFuture<HttpResponse<String>> pressed;
        try {
            assertThat(execute.postOnly(execute.activity("alex", "message").put("text", "help")).statusCode()).isEqualTo(200);
            pressed = java.util.concurrent.CompletableFuture.supplyAsync(() -> execute.postOnly(pressNext(next)));
            awaitBacklog(2);
            assertThat(pressed).as("the press waits for the message before it").isNotDone();
        } finally {
            connector.hold = null;
            connectorHeld.countDown();
        }
        HttpResponse<String> response = pressed.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(connector.activities()).as("the earlier message's reply went first").hasSizeGreaterThan(before);
        JsonNode body = TeamsChannel.read(response.body());
        assertThat(body.path("type").asText()).isEqualTo(AdaptiveCardRenderer.CARD_CONTENT_TYPE);
        assertThat(execute.reply(body.get("value")).text()).contains("Plan · 5 min");
        assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aButtonPressedBehindAnUnfinishedMessageLeavesTheCardAsItWasWithANotice() throws Exception {
        Reply.Clickable next = execute.say("alex", "prompts").get(0).clickables().get(0);
        java.util.concurrent.CountDownLatch connectorHeld = new java.util.concurrent.CountDownLatch(1);
        connector.hold = connectorHeld;
        HttpResponse<String> response;
        try {
            assertThat(execute.postOnly(execute.activity("alex", "message").put("text", "help")).statusCode()).isEqualTo(200);
            response = execute.postOnly(pressNext(next));
        } finally {
            connector.hold = null;
            connectorHeld.countDown();
        }
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TeamsChannel.read(response.body());
        assertThat(body.path("type").asText()).isEqualTo(SdkActivityHandler.MESSAGE_RESPONSE_TYPE);
        assertThat(body.path("value").asText()).isEqualTo(TeamsAdapter.BUSY);
        assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();
        // the press was not acted on: pressing it again now moves on as the first press would have
        JsonNode again = TeamsChannel.read(execute.post(pressNext(next), null).body());
        assertThat(execute.reply(again.get("value")).text()).contains("Plan · 5 min").contains("Section 2/4");
    }

    @Test
    void theReferenceFollowsAChangedServiceUrl() {
        try (FakeConnector moved = new FakeConnector()) {
            ObjectNode activity = execute.activity("alex", "message");
            activity.put("text", "help");
            activity.put("serviceUrl", moved.url());
            assertThat(execute.post(activity, null).statusCode()).isEqualTo(200);
            assertThat(moved.activities()).hasSize(1);
            assertThat(refs.find(TeamsTestApp.teamsUser("alex")).orElseThrow().reference()).contains(moved.url());
        }
        execute.say("alex", "help");
        assertThat(refs.find(TeamsTestApp.teamsUser("alex")).orElseThrow().reference()).contains(connector.url());
    }

    @Test
    void anActionExecuteReplacesTheCardInPlace() {
        List<Reply> first = execute.say("alex", "prompts");
        Reply.Clickable next = first.get(0).clickables().get(0);
        assertThat(next.label()).startsWith("Next: Plan");
        int before = connector.activities().size();

        ObjectNode invoke = execute.activity("alex", "invoke");
        invoke.put("name", "adaptiveCard/action");
        ObjectNode action = invoke.putObject("value").putObject("action");
        action.put("type", "Action.Execute").put("verb", next.actionId());
        action.putObject("data").put(AdaptiveCardRenderer.ACTION_KEY, next.actionId()).put(AdaptiveCardRenderer.VALUE_KEY, next.value());
        HttpResponse<String> response = execute.post(invoke, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TeamsChannel.read(response.body());
        assertThat(body.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        Reply updated = execute.reply(body.get("value"));
        assertThat(updated.text()).contains("Plan · 5 min").contains("Section 2/4");
        assertThat(connector.activities()).as("nothing new posted: the card was updated in place").hasSize(before);
    }

    @Test
    void anActionSubmitArrivesAsAMessageWithAValue() {
        List<Reply> offered = submit.say("sam", "Pupils explained the method to each other in pairs.");
        Reply.Clickable save = offered.stream().flatMap(r -> r.clickables().stream())
                .filter(c -> c.label().equals("Save reflection")).findFirst().orElseThrow();
        FakeConnector.Received offer = connector.activities().get(connector.activities().size() - 1);
        List<Reply> saved = submit.press("sam", save);
        assertThat(saved).extracting(Reply::text).anyMatch(t -> t.contains("Saved to your learning log"));
        FakeConnector.Received update = connector.activities().get(connector.activities().size() - 1);
        assertThat(update.method()).as("the card is updated in place").isEqualTo("PUT");
        assertThat(update.path()).isEqualTo("/v3/conversations/a:conv-sam/activities/" + offer.id());
        assertThat(submit.say("sam", "log").get(0).text()).contains("Pupils explained the method");
    }

    @Test
    void installWelcomesOnceStoresTheReferenceAndUninstallMarksUnreachable() {
        UserRef kim = TeamsTestApp.teamsUser("kim");
        ObjectNode install = execute.activity("kim", "installationUpdate");
        install.put("action", "add");
        int before = connector.activities().size();
        assertThat(execute.post(install, null).statusCode()).isEqualTo(200);
        List<FakeConnector.Received> welcome = connector.activities().subList(before, connector.activities().size());
        assertThat(welcome).hasSize(2);
        assertThat(execute.replies(welcome.get(0).body()).get(0).text()).contains("Welcome to the ECT mentor bot");
        assertThat(execute.replies(welcome.get(1).body()).get(0).text()).contains("I don't know you yet");
        assertThat(refs.find(kim)).get().extracting(ConversationRefStore.Stored::reachable).isEqualTo(true);

        ObjectNode joined = execute.activity("kim", "conversationUpdate");
        joined.putArray("membersAdded").addObject().put("id", "28:bot-id");
        int afterWelcome = connector.activities().size();
        assertThat(execute.post(joined, null).statusCode()).isEqualTo(200);
        assertThat(connector.activities()).as("no second welcome").hasSize(afterWelcome);

        ObjectNode remove = execute.activity("kim", "installationUpdate");
        remove.put("action", "remove");
        assertThat(execute.post(remove, null).statusCode()).isEqualTo(200);
        assertThat(refs.find(kim)).get().extracting(ConversationRefStore.Stored::reachable).isEqualTo(false);
        assertThat(sender.send(kim, List.of(Message.text("nudge"))).outcome()).isEqualTo(DeliveryResult.Outcome.UNDELIVERABLE);
        assertThat(connector.activities()).hasSize(afterWelcome);

        ObjectNode again = execute.activity("kim", "conversationUpdate");
        again.putArray("membersAdded").addObject().put("id", "28:bot-id");
        execute.post(again, null);
        List<FakeConnector.Received> again2 = connector.activities().subList(afterWelcome, connector.activities().size());
        assertThat(again2).as("welcomed again after reinstalling, then the set-up carries on").hasSizeGreaterThanOrEqualTo(2);
        assertThat(execute.replies(again2.get(0).body()).get(0).text()).contains("Welcome to the ECT mentor bot");
    }

    @Test
    void anActionSubmitWhoseCardCannotBeUpdatedIsAnsweredWithANewMessage() {
        List<Reply> offered = submit.say("sam", "Cold calling kept everyone thinking.");
        Reply.Clickable save = offered.stream().flatMap(r -> r.clickables().stream())
                .filter(c -> c.label().equals("Save reflection")).findFirst().orElseThrow();
        connector.answer(404, Map.of());
        List<Reply> saved = submit.press("sam", save);
        assertThat(saved).extracting(Reply::text).anyMatch(t -> t.contains("Saved to your learning log"));
        List<FakeConnector.Received> all = connector.activities();
        assertThat(all.get(all.size() - 2).method()).isEqualTo("PUT");
        assertThat(all.get(all.size() - 1).method()).as("sent as a new message instead").isEqualTo("POST");
    }

    @Test
    void theBotLeavingTheChatCountsAsUninstall() {
        execute.say("lee", "hello");
        ObjectNode left = execute.activity("lee", "conversationUpdate");
        left.putArray("membersRemoved").addObject().put("id", "28:bot-id");
        execute.post(left, null);
        assertThat(refs.find(TeamsTestApp.teamsUser("lee"))).get().extracting(ConversationRefStore.Stored::reachable).isEqualTo(false);
    }

    @Test
    void aMalformedOrForgedAuthorizationHeaderIsA401() {
        ObjectNode activity = execute.activity("alex", "message");
        activity.put("text", "help");
        int before = connector.activities().size();
        assertThat(execute.post(activity, "Bearer not-a-jwt").statusCode()).isEqualTo(401);
        assertThat(execute.post(activity, "Basic Zm9vOmJhcg==").statusCode()).isEqualTo(401);
        assertThat(execute.post(activity, "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.").statusCode()).isEqualTo(401);
        assertThat(execute.post(activity, "garbage").statusCode()).isEqualTo(401);
        assertThat(connector.activities()).as("nothing handled").hasSize(before);
    }

    @Test
    void withoutAnAppIdAProxiedRequestIsRefused() throws Exception {
        ObjectNode activity = execute.activity("alex", "message");
        activity.put("text", "help");
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113.9")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(activity.toString())).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("set MICROSOFT_APP_ID");
    }

    @Test
    void aReactionRefreshesTheStoredReference() {
        try (FakeConnector moved = new FakeConnector()) {
            ObjectNode reaction = execute.activity("sam", "messageReaction");
            reaction.put("serviceUrl", moved.url());
            reaction.putArray("reactionsAdded").addObject().put("type", "like");
            assertThat(execute.post(reaction, null).statusCode()).isEqualTo(200);
            assertThat(refs.find(TeamsTestApp.teamsUser("sam")).orElseThrow().reference()).contains(moved.url());
            assertThat(moved.activities()).isEmpty();
        }
        execute.say("sam", "help");
    }

    @Test
    void aBodyThatIsNotAnActivityIsA400() {
        assertThat(execute.post(TeamsChannel.JSON.createObjectNode().put("hello", "world"), null).statusCode()).isEqualTo(400);
        assertThat(execute.post(TeamsChannel.JSON.createArrayNode(), null).statusCode()).isEqualTo(400);
    }

    @Test
    void anActivityWithoutSenderConversationOrServiceUrlIsA400AndNothingIsSent() {
        int before = connector.received().size();
        ObjectNode noSender = execute.activity("sam", "message").put("text", "reflect: nobody sent this");
        noSender.remove("from");
        assertThat(execute.post(noSender, null).statusCode()).isEqualTo(400);
        ObjectNode noConversation = execute.activity("sam", "message").put("text", "help");
        noConversation.remove("conversation");
        assertThat(execute.post(noConversation, null).statusCode()).isEqualTo(400);
        ObjectNode invalidUtf8Text = TeamsChannel.JSON.createObjectNode().put("type", "message").put("text", "caf\uFFFD");
        assertThat(execute.post(invalidUtf8Text, null).statusCode()).isEqualTo(400);
        assertThat(connector.received()).hasSize(before);
    }

    @Test
    void aBodyOverAMegabyteIsA413() {
        ObjectNode huge = execute.activity("sam", "message").put("text", "x".repeat(TeamsController.MAX_BODY));
        assertThat(execute.post(huge, null).statusCode()).isEqualTo(413);
    }

    @Test
    void onlyLoopbackAddressesAreTrustedWithoutAnAppId() {
        assertThat(TeamsController.isLoopback("127.0.0.1")).isTrue();
        assertThat(TeamsController.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(TeamsController.isLoopback("10.1.2.3")).isFalse();
        assertThat(TeamsController.isLoopback("52.112.0.1")).isFalse();
        assertThat(TeamsController.isLoopback(null)).isFalse();
    }

    @Test
    void aProactiveSendContinuesTheStoredConversation() {
        execute.say("sam", "help");
        int before = connector.activities().size();
        DeliveryResult result = sender.send(TeamsTestApp.teamsUser("sam"), List.of(
                Message.builder().heading("Meeting tomorrow").text("Your mentor meeting is at 15:30.").build(),
                Message.text("Say *prompts* to prepare.")));
        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        List<FakeConnector.Received> sent = connector.activities().subList(before, connector.activities().size());
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path()).isEqualTo("/v3/conversations/a:conv-sam/activities");
        assertThat(sent.get(0).authorization()).isNull();
        JsonNode activity = sent.get(0).body();
        assertThat(activity.path("recipient").path("id").asText()).isEqualTo("29:sam");
        assertThat(activity.path("from").path("id").asText()).isEqualTo("28:bot-id");
        assertThat(activity.has("replyToId")).isFalse();
        List<JsonNode> cards = FakeConnector.cardsIn(activity);
        assertThat(cards).hasSize(2);
        cards.forEach(Schemas::assertValidCard);
        assertThat(slept).isEmpty();
    }

    @Test
    void aProactiveSendWithNoReferenceIsUndeliverable() {
        assertThat(sender.send(TeamsTestApp.teamsUser("nobody"), List.of(Message.text("hi"))).outcome())
                .isEqualTo(DeliveryResult.Outcome.UNDELIVERABLE);
    }

    @Test
    void a429IsHonouredForItsRetryAfter() {
        execute.say("sam", "help");
        int before = connector.activities().size();
        connector.answer(429, Map.of("Retry-After", "3"));
        Instant start = bot.clock.instant();
        DeliveryResult result = sender.send(TeamsTestApp.teamsUser("sam"), List.of(Message.text("nudge")));
        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(connector.activities().size() - before).isEqualTo(2);
        assertThat(Duration.between(start, bot.clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));

        connector.answer(429, Map.of("Retry-After", "120"));
        DeliveryResult later = sender.send(TeamsTestApp.teamsUser("sam"), List.of(Message.text("nudge")));
        assertThat(later.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY_LATER);
        assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(sender.send(TeamsTestApp.teamsUser("sam"), List.of(Message.text("nudge"))).outcome())
                .as("the conversation stays paused for the Retry-After").isEqualTo(DeliveryResult.Outcome.RETRY_LATER);
    }

    @Test
    void a503IsRetriedWithBoundedBackoffThenHandedBack() {
        execute.say("sam", "help");
        bot.clock.advance(Duration.ofMinutes(5));
        int before = connector.activities().size();
        connector.answer(503, Map.of());
        connector.answer(502, Map.of());
        assertThat(sender.send(TeamsTestApp.teamsUser("sam"), List.of(Message.text("nudge"))).outcome())
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(connector.activities().size() - before).isEqualTo(3);
        assertThat(slept).hasSize(2);
        assertThat(slept.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(slept.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));

        slept.clear();
        bot.clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < TeamsSender.ATTEMPTS; i++) {
            connector.answer(503, Map.of());
        }
        int mid = connector.activities().size();
        DeliveryResult result = sender.send(TeamsTestApp.teamsUser("sam"), List.of(Message.text("nudge")));
        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY_LATER);
        assertThat(connector.activities().size() - mid).isEqualTo(TeamsSender.ATTEMPTS);
        assertThat(slept).hasSize(TeamsSender.ATTEMPTS - 1).allMatch(d -> d.compareTo(TeamsSender.MAX_BACKOFF) <= 0);
    }

    @Test
    void a403MarksThePersonUnreachable() {
        execute.say("alex", "help");
        bot.clock.advance(Duration.ofMinutes(5));
        connector.answer(403, Map.of());
        DeliveryResult result = sender.send(TeamsTestApp.teamsUser("alex"), List.of(Message.text("nudge")));
        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.UNDELIVERABLE);
        assertThat(refs.find(TeamsTestApp.teamsUser("alex")).orElseThrow().reachable()).isFalse();
        execute.say("alex", "help");
        assertThat(refs.find(TeamsTestApp.teamsUser("alex")).orElseThrow().reachable()).as("a message from them makes them reachable again").isTrue();
    }

    @Test
    void aLongLogExportReachesTeamsAsSeveralActivitiesEachUnderItsSizeLimit() {
        // 70 long reflections written a year ago (so they stay out of the recent log the other tests read)
        java.util.Random random = new java.util.Random(11);
        String[] words = "pupils explained the method in pairs while questioning checked understanding before moving on".split(" ");
        Instant longAgo = bot.clock.instant().minus(Duration.ofDays(400));
        for (int i = 0; i < 70; i++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 900) {
                text.append(text.length() == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            }
            bot.storage.learningLog().append(new uk.ectmentor.core.reflect.LogEntry("old-" + i, "sam", "demo-school", "reflection",
                    1, 1, text.toString(), longAgo.plusSeconds(i), false, "sam:old-" + i));
        }
        int before = connector.activities().size();
        List<Reply> replies = submit.say("sam", "export log");
        List<FakeConnector.Received> sent = connector.activities().subList(before, connector.activities().size());
        assertThat(sent).hasSizeGreaterThanOrEqualTo(3).allSatisfy(r -> assertThat(r.body().toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as("Teams refuses activities over about 28 KB").isLessThan(28_000));
        assertThat(sent.stream().mapToInt(r -> r.body().toString().length()).sum()).isGreaterThan(60_000);
        assertThat(replies.get(0).text()).startsWith("Here is your learning log as Markdown");
        assertThat(String.join("\n", replies.stream().map(Reply::text).toList())).contains("# ").contains("pupils explained");
    }

    @Test
    void aBurstToOneConversationIsSpacedOut() {
        execute.say("sam", "help");
        bot.clock.advance(Duration.ofMinutes(5));
        Instant start = bot.clock.instant();
        for (int i = 0; i < 10; i++) {
            assertThat(sender.send(TeamsTestApp.teamsUser("sam"), List.of(Message.text("nudge " + i))).outcome())
                    .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        }
        // at most 6 in a second and 7 in two (Teams allows 7 and 8): the 8th waits for the 2 s window, the 10th past 2 s
        assertThat(Duration.between(start, bot.clock.instant())).as("10 sends at 6 a second, 7 in 2 s").isGreaterThan(Duration.ofSeconds(2));
    }
}
