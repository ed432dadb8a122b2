package uk.ectmentor.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.ectmentor.core.testing.ChatChannel;
import uk.ectmentor.core.testing.Reply;

/** Plays transcripts through the web chat's HTTP API, exactly as the page does. */
final class WebChannel implements ChatChannel {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;
    private final AtomicLong ids = new AtomicLong();
    private final Runnable beforeEachTurn;

    WebChannel(int port, Runnable beforeEachTurn) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/api/chat/messages");
        this.beforeEachTurn = beforeEachTurn;
    }

    @Override
    public List<Reply> say(String user, String text) {
        return post(Map.of("user", user, "text", text, "id", "w" + ids.incrementAndGet()));
    }

    @Override
    public List<Reply> press(String user, Reply.Clickable c) {
        return post(Map.of("user", user, "action", c.actionId(), "value", c.value() == null ? "" : c.value(),
                "id", "w" + ids.incrementAndGet()));
    }

    @Override
    public List<Reply> submit(String user, Reply.Clickable c, Map<String, String> fields) {
        return post(Map.of("user", user, "action", c.actionId(), "value", c.value() == null ? "" : c.value(),
                "form", fields, "id", "w" + ids.incrementAndGet()));
    }

    JsonNode postRaw(String body) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return ((com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(res.body())).put("status", res.statusCode());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Reply> post(Map<String, Object> body) {
        beforeEachTurn.run();
        JsonNode res;
        try {
            res = postRaw(json.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (res.get("status").asInt() != 200) {
            throw new AssertionError("web chat answered " + res);
        }
        List<Reply> out = new ArrayList<>();
        for (JsonNode m : res.get("messages")) {
            List<Reply.Clickable> clickables = new ArrayList<>();
            for (JsonNode b : m.get("blocks")) {
                String type = b.get("type").asText();
                if (type.equals("buttons")) {
                    b.get("buttons").forEach(x -> clickables.add(new Reply.Clickable(x.get("label").asText(),
                            x.get("action").asText(), x.path("value").asText(null))));
                } else if (type.equals("choice")) {
                    b.get("options").forEach(o -> clickables.add(new Reply.Clickable(o.get("label").asText(),
                            b.get("action").asText(), o.get("value").asText())));
                } else if (type.equals("form")) {
                    JsonNode s = b.get("submit");
                    clickables.add(new Reply.Clickable(s.get("label").asText(), s.get("action").asText(), s.path("value").asText(null)));
                }
            }
            out.add(new Reply(m.get("text").asText(), clickables));
        }
        return out;
    }
}
