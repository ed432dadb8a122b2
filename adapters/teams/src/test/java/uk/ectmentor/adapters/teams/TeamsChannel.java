package uk.ectmentor.adapters.teams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.ectmentor.core.delivery.OrderedWork;
import uk.ectmentor.core.testing.ChatChannel;
import uk.ectmentor.core.testing.MutableClock;
import uk.ectmentor.core.testing.Reply;

/**
 * Talks to the running app as Teams does: activities POSTed to /api/messages, with the fake connector
 * as serviceUrl; the replies are what the connector received (and an invoke's card), read back as text.
 * Messages are answered before they are handled, so each post waits for the app's Teams workers to be idle.
 * Buttons are pressed as Action.Execute invokes or as Action.Submit messages. Every card is checked
 * against the Adaptive Card 1.5 schema on the way.
 */
final class TeamsChannel implements ChatChannel {
    enum Press { EXECUTE, SUBMIT }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();
    private final String endpoint;
    private final FakeConnector connector;
    private final MutableClock clock;
    private final Press press;
    private final OrderedWork work;
    int cardsChecked;
    /** Which message each button was last seen on: an Action.Submit replies to it. */
    private final Map<Reply.Clickable, String> cardIds = new java.util.HashMap<>();
    int largestCard;

    /** {@code work}: the app's Teams workers; every post waits (bounded) until they are idle, so the replies are in. */
    TeamsChannel(int port, FakeConnector connector, MutableClock clock, Press press, OrderedWork work) {
        this.endpoint = "http://127.0.0.1:" + port + "/api/messages";
        this.connector = connector;
        this.clock = clock;
        this.press = press;
        this.work = work;
    }

    @Override
    public void advanceClock(java.time.Duration by) {
        clock.advance(by);
    }

    @Override
    public List<Reply> say(String user, String text) {
        ObjectNode activity = activity(user, "message");
        activity.put("text", text);
        return exchange(activity);
    }

    @Override
    public List<Reply> press(String user, Reply.Clickable clickable) {
        return submit(user, clickable, Map.of());
    }

    @Override
    public List<Reply> submit(String user, Reply.Clickable clickable, Map<String, String> fields) {
        ObjectNode data = JSON.createObjectNode();
        data.put(AdaptiveCardRenderer.ACTION_KEY, clickable.actionId());
        if (clickable.value() != null) {
            data.put(AdaptiveCardRenderer.VALUE_KEY, clickable.value());
        }
        fields.forEach(data::put);
        ObjectNode activity;
        if (press == Press.EXECUTE) {
            activity = activity(user, "invoke");
            activity.put("name", "adaptiveCard/action");
            ObjectNode action = activity.putObject("value").put("trigger", "manual").putObject("action");
            action.put("type", "Action.Execute").put("verb", clickable.actionId()).set("data", data);
        } else {
            activity = activity(user, "message");
            activity.set("value", data);
            String cardId = cardIds.get(clickable);
            if (cardId != null) {
                activity.put("replyToId", cardId);
            }
        }
        return exchange(activity);
    }

    ObjectNode activity(String user, String type) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", type);
        a.put("id", "act-" + UUID.randomUUID());
        a.put("channelId", "msteams");
        a.put("serviceUrl", connector.url());
        a.put("timestamp", clock.instant().toString());
        a.putObject("from").put("id", "29:" + user).put("name", user).put("aadObjectId", "aad-" + user);
        a.putObject("recipient").put("id", "28:bot-id").put("name", "ECT Mentor");
        a.putObject("conversation").put("id", "a:conv-" + user).put("conversationType", "personal").put("tenantId", TeamsTestApp.TENANT);
        a.putObject("channelData").putObject("tenant").put("id", TeamsTestApp.TENANT);
        return a;
    }

    /** Posts an activity; the replies are the invoke's card (if any) and what the connector received meanwhile. */
    List<Reply> exchange(ObjectNode activity) {
        clock.advance(Duration.ofMinutes(1));
        int before = connector.activities().size();
        HttpResponse<String> response = post(activity, null);
        if (response.statusCode() >= 300) {
            throw new AssertionError("the bot answered " + response.statusCode() + ": " + response.body());
        }
        List<Reply> replies = new ArrayList<>();
        if (!response.body().isBlank()) {
            JsonNode invoke = read(response.body());
            if (invoke.path("type").asText().equals(AdaptiveCardRenderer.CARD_CONTENT_TYPE)) {
                replies.add(reply(invoke.get("value")));
            }
        }
        for (FakeConnector.Received r : connector.activities().subList(before, connector.activities().size())) {
            List<Reply> got = replies(r.body());
            got.forEach(reply -> reply.clickables().forEach(c -> cardIds.put(c, r.id())));
            replies.addAll(got);
        }
        return replies;
    }

    /** Posts an activity and returns Teams' answer without waiting for the workers. */
    HttpResponse<String> postOnly(JsonNode activity) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(endpoint)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(activity.toString())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(JsonNode activity, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(activity.toString()));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            // a message is answered before it is handled: its replies reach the connector from the workers
            if (!work.awaitIdle(DRAIN)) {
                StringBuilder threads = new StringBuilder();
                Thread.getAllStackTraces().forEach((t, stack) -> {
                    if (t.getName().startsWith("teams-work")) {
                        threads.append("\n").append(t.getName()).append(' ').append(t.getState());
                        for (StackTraceElement e : stack) {
                            threads.append("\n    at ").append(e);
                        }
                    }
                });
                throw new AssertionError("the Teams workers were still busy after " + DRAIN + " (" + work.backlog() + " tasks):" + threads);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One received activity as transcript replies: its text, or each of its cards. */
    List<Reply> replies(JsonNode activity) {
        List<Reply> out = new ArrayList<>();
        List<JsonNode> cards = FakeConnector.cardsIn(activity);
        if (cards.isEmpty()) {
            out.add(new Reply(activity.path("text").asText(), List.of()));
        }
        cards.forEach(c -> out.add(reply(c)));
        return out;
    }

    Reply reply(JsonNode card) {
        Schemas.assertValidCard(card);
        cardsChecked++;
        largestCard = Math.max(largestCard, card.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        List<String> lines = new ArrayList<>();
        List<Reply.Clickable> clickables = new ArrayList<>();
        for (JsonNode element : card.path("body")) {
            String type = element.path("type").asText();
            if (type.equals("TextBlock")) {
                lines.add(element.path("text").asText().replace('\r', '\n'));
            } else if (type.equals("ActionSet")) {
                List<String> titles = new ArrayList<>();
                for (JsonNode action : element.path("actions")) {
                    JsonNode data = action.path("data");
                    titles.add("[" + action.path("title").asText() + "]");
                    clickables.add(new Reply.Clickable(action.path("title").asText(),
                            data.path(AdaptiveCardRenderer.ACTION_KEY).asText(),
                            data.hasNonNull(AdaptiveCardRenderer.VALUE_KEY) ? data.get(AdaptiveCardRenderer.VALUE_KEY).asText() : null));
                }
                lines.add(String.join(" ", titles));
            } else if (type.startsWith("Input.")) {
                lines.add("{" + element.path("label").asText() + "}");
            }
        }
        return new Reply(String.join("\n", lines), clickables);
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
