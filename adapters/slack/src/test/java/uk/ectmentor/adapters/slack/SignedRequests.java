package uk.ectmentor.adapters.slack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds Slack's requests (slash command, events, interactivity) signed as Slack signs them, and posts them. */
final class SignedRequests {
    private static final AtomicInteger IDS = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String secret;
    private final Clock clock;

    SignedRequests(int port, String secret, Clock clock) {
        this.url = "http://127.0.0.1:" + port + SlackEndpoint.PATH;
        this.secret = secret;
        this.clock = clock;
    }

    static String id(String prefix) {
        return prefix + IDS.incrementAndGet();
    }

    HttpResponse<String> command(String user, String text, String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy");
        form.put("team_id", SlackTestApp.TEAM);
        form.put("team_domain", "fake-school");
        form.put("channel_id", "D-" + user);
        form.put("channel_name", "directmessage");
        form.put("user_id", user);
        form.put("user_name", user.toLowerCase());
        form.put("command", "/mentor");
        form.put("text", text);
        form.put("api_app_id", "A1");
        form.put("response_url", responseUrl);
        form.put("trigger_id", id("trig-"));
        return post(formBody(form), "application/x-www-form-urlencoded", Map.of());
    }

    ObjectNode dmEvent(String user, String text, String eventId) {
        ObjectNode event = FakeSlack.JSON.createObjectNode()
                .put("type", "message").put("channel_type", "im").put("user", user).put("text", text)
                .put("ts", "1700000000.0001").put("channel", "D-" + user).put("event_ts", "1700000000.0001");
        return envelope(event, eventId);
    }

    ObjectNode envelope(ObjectNode event, String eventId) {
        ObjectNode root = FakeSlack.JSON.createObjectNode()
                .put("token", "legacy").put("team_id", SlackTestApp.TEAM).put("api_app_id", "A1")
                .put("type", "event_callback").put("event_id", eventId).put("event_time", clock.instant().getEpochSecond());
        root.set("event", event);
        return root;
    }

    HttpResponse<String> event(ObjectNode envelope, Map<String, String> headers) {
        return post(envelope.toString(), "application/json", headers);
    }

    HttpResponse<String> dm(String user, String text) {
        return event(dmEvent(user, text, id("Ev")), Map.of());
    }

    HttpResponse<String> blockAction(String user, String actionId, String value) {
        return blockAction(user, actionId, value, "D-" + user, null);
    }

    /** @param responseUrl non-null for a button in a private (ephemeral) message */
    HttpResponse<String> blockAction(String user, String actionId, String value, String channel, String responseUrl) {
        ObjectNode p = interaction("block_actions", user);
        p.put("trigger_id", id("trig-"));
        p.putObject("channel").put("id", channel);
        p.putObject("container").put("type", "message").put("channel_id", channel).put("is_ephemeral", responseUrl != null);
        if (responseUrl != null) {
            p.put("response_url", responseUrl);
        }
        ArrayNode actions = p.putArray("actions");
        actions.addObject().put("action_id", actionId).put("block_id", "b1").put("value", value)
                .put("type", "button").put("action_ts", String.valueOf(clock.instant().getEpochSecond()));
        return post(formBody(Map.of("payload", p.toString())), "application/x-www-form-urlencoded", Map.of());
    }

    HttpResponse<String> viewSubmission(String user, String viewId, String privateMetadata, Map<String, String> values) {
        ObjectNode p = interaction("view_submission", user);
        p.put("trigger_id", id("trig-"));
        ObjectNode view = p.putObject("view");
        view.put("id", viewId).put("type", "modal").put("callback_id", SlackRenderer.FORM_CALLBACK)
                .put("private_metadata", privateMetadata).put("hash", "h1");
        ObjectNode state = view.putObject("state").putObject("values");
        values.forEach((field, value) -> state.putObject(field).putObject(SlackRenderer.INPUT_ACTION)
                .put("type", "plain_text_input").put("value", value));
        return post(formBody(Map.of("payload", p.toString())), "application/x-www-form-urlencoded", Map.of());
    }

    private ObjectNode interaction(String type, String user) {
        ObjectNode p = FakeSlack.JSON.createObjectNode().put("type", type).put("api_app_id", "A1").put("token", "legacy");
        p.putObject("team").put("id", SlackTestApp.TEAM).put("domain", "fake-school");
        p.putObject("user").put("id", user).put("team_id", SlackTestApp.TEAM).put("username", user.toLowerCase());
        return p;
    }

    static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Posts with a valid signature made now. */
    HttpResponse<String> post(String body, String contentType, Map<String, String> headers) {
        String ts = String.valueOf(clock.instant().getEpochSecond());
        return send(body, contentType, ts, signature(ts, body), headers);
    }

    String signature(String timestamp, String body) {
        return "v0=" + new SlackRequestVerifier(secret, clock).sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts a signed body streamed without a declared length (chunked), as a proxy may. */
    HttpResponse<String> postUnsized(String body, String contentType) {
        String ts = String.valueOf(clock.instant().getEpochSecond());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature(ts, body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts exactly these headers (null leaves a header out). */
    HttpResponse<String> send(String body, String contentType, String timestamp, String signature, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8)));
        if (timestamp != null) {
            b.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            b.header("X-Slack-Signature", signature);
        }
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> noHeaders() {
        return List.of();
    }
}
