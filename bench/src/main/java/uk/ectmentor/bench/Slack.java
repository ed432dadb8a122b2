package uk.ectmentor.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Slack's request bodies (a direct-message event, a slash command) and their signature, as Slack makes them. */
final class Slack {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TEAM = "T0BENCH";

    private Slack() {
    }

    /** {@code v0=} + hex HMAC-SHA256 of {@code v0:timestamp:body} with the signing secret. */
    static String signature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Events API envelope with a direct message from {@code user}. */
    static String dmEvent(String user, String text, String eventId, long epochSecond) {
        ObjectNode root = JSON.createObjectNode()
                .put("token", "legacy").put("team_id", TEAM).put("api_app_id", "A0BENCH")
                .put("type", "event_callback").put("event_id", eventId).put("event_time", epochSecond);
        root.putObject("event")
                .put("type", "message").put("channel_type", "im").put("user", user).put("text", text)
                .put("ts", epochSecond + ".000100").put("channel", "D" + user).put("event_ts", epochSecond + ".000100")
                .put("team", TEAM);
        return root.toString();
    }

    /** A {@code /mentor} slash command, form-encoded. */
    static String command(String user, String text, String triggerId, String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy");
        form.put("team_id", TEAM);
        form.put("team_domain", "bench-school");
        form.put("channel_id", "D" + user);
        form.put("channel_name", "directmessage");
        form.put("user_id", user);
        form.put("user_name", user.toLowerCase());
        form.put("command", "/mentor");
        form.put("text", text);
        form.put("api_app_id", "A0BENCH");
        form.put("response_url", responseUrl);
        form.put("trigger_id", triggerId);
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A Teams (Bot Framework) message activity from {@code user}, replies going to {@code serviceUrl}. */
    static String teamsMessage(String user, String text, String activityId, String serviceUrl, String timestamp) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", "message").put("id", activityId).put("channelId", "msteams").put("serviceUrl", serviceUrl)
                .put("timestamp", timestamp).put("text", text);
        a.putObject("from").put("id", "29:" + user).put("name", user).put("aadObjectId", "aad-" + user);
        a.putObject("recipient").put("id", "28:bench-bot").put("name", "ECT Mentor");
        a.putObject("conversation").put("id", "a:conv-" + user).put("conversationType", "personal").put("tenantId", "bench-tenant");
        return a.toString();
    }
}
