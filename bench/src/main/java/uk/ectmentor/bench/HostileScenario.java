package uk.ectmentor.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * Hostile inputs through every channel of the packaged app (web chat, Slack, Teams): malformed JSON, wrong
 * content types, 10 MB bodies, invalid UTF-8, MongoDB operator injection, forged user ids and a replayed
 * signed Slack request older than five minutes. Each must get a 4xx or a friendly 200 (never a 5xx or a
 * stack trace), and the demo ECT's learning log must be unchanged afterwards.
 *
 * <pre>HostileScenario [--jar ...]</pre>
 */
public final class HostileScenario {
    private static final byte[] BAD_UTF8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
    private static int failures;

    private HostileScenario() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadBench.options(args);
        Path jar = Path.of(opts.getOrDefault("jar", "app/target/ect-mentor-bot.jar"));
        HttpClient http = Reflections.client();
        try (FakeSlackApi fake = new FakeSlackApi()) {
            Child app = Child.app(jar, Files.createTempDirectory("ect-hostile-"), LoadBench.SECRET, fake, Map.of());
            try {
                LoadBench.linkSlackUser(http, app, fake, "sam", "U0SAM");
                int before = Reflections.total(http, app, "sam");
                String web = app.url("/api/chat/messages");
                String slack = app.url("/slack/events");
                String teams = app.url("/api/messages");
                byte[] tenMb = new byte[10 * 1024 * 1024];
                Arrays.fill(tenMb, (byte) 'a');

                System.out.println("web chat");
                expect(http, "malformed JSON", raw(web, "application/json", utf8("{\"user\":\"sam\",\"text\":")), Map.of());
                expect(http, "wrong content type", raw(web, "text/plain", utf8("reflect: plain text")), Map.of());
                expect(http, "10 MB body", raw(web, "application/json", concat(utf8("{\"user\":\"sam\",\"text\":\"reflect: "), tenMb, utf8("\"}"))), Map.of());
                expect(http, "invalid UTF-8", raw(web, "application/json", concat(utf8("{\"user\":\"sam\",\"text\":\"reflect: "), BAD_UTF8, utf8("\"}"))), Map.of());
                expect(http, "operator object as user", raw(web, "application/json", utf8("{\"user\":{\"$ne\":null},\"text\":\"log\"}")), Map.of());
                expect(http, "operator object as text", raw(web, "application/json", utf8("{\"user\":\"sam\",\"text\":{\"$where\":\"1==1\"}}")), Map.of());
                expect(http, "operator string in a search", raw(web, "application/json", utf8("{\"user\":\"sam\",\"text\":\"search log {\\\"$ne\\\": null}\"}")), Map.of());
                expect(http, "$where in a search", raw(web, "application/json", utf8("{\"user\":\"sam\",\"text\":\"search log $where\"}")), Map.of());
                expect(http, "forged user id (path)", raw(web, "application/json", utf8("{\"user\":\"../sam\",\"text\":\"log\"}")), Map.of());
                expect(http, "forged user id (operator string)", raw(web, "application/json", utf8("{\"user\":\"$ne\",\"text\":\"log\"}")), Map.of());

                System.out.println("Slack");
                expect(http, "malformed JSON, signed", signed(slack, "application/json", utf8("{\"type\":\"event_callback\",\"event\":"), now()), Map.of());
                expect(http, "wrong content type, signed", signed(slack, "text/plain", utf8("reflect: plain"), now()), Map.of());
                expect(http, "10 MB body, signed", signed(slack, "application/json", tenMb, now()), Map.of());
                expect(http, "invalid UTF-8, signed", signed(slack, "application/json",
                        concat(utf8("{\"type\":\"event_callback\",\"event_id\":\"EvBad\",\"event\":{\"type\":\"message\",\"channel_type\":\"im\",\"user\":\"U0SAM\",\"text\":\"reflect: "),
                                BAD_UTF8, utf8("\",\"channel\":\"D1\"}}")), now()), Map.of());
                expect(http, "operator object as user, signed", signed(slack, "application/json",
                        utf8("{\"type\":\"event_callback\",\"team_id\":\"T0BENCH\",\"event_id\":\"EvOp\",\"event\":{\"type\":\"message\",\"channel_type\":\"im\","
                                + "\"user\":{\"$ne\":null},\"text\":\"reflect: injected\",\"channel\":\"D1\"}}"), now()), Map.of());
                expect(http, "operator string as user id, signed", signed(slack, "application/json",
                        utf8(Slack.dmEvent("{\"$ne\": null}", "reflect: injected", "EvOp2", Instant.now().getEpochSecond())), now()), Map.of());
                String forged = Slack.dmEvent("U0SAM", "reflect: forged", "EvForged", Instant.now().getEpochSecond());
                expect(http, "forged user id, no signature", HttpRequest.newBuilder(URI.create(slack)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(forged)).build(), Map.of());
                expect(http, "forged user id, wrong secret", HttpRequest.newBuilder(URI.create(slack)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", now())
                        .header("X-Slack-Signature", Slack.signature("not-the-secret", now(), forged))
                        .POST(HttpRequest.BodyPublishers.ofString(forged)).build(), Map.of());
                String old = Long.toString(Instant.now().minusSeconds(6 * 60).getEpochSecond());
                expect(http, "replayed signed request, 6 minutes old",
                        signed(slack, "application/json", utf8(Slack.dmEvent("U0SAM", "reflect: replayed", "EvReplay", Instant.now().getEpochSecond() - 360)), old),
                        Map.of());

                System.out.println("Teams");
                expect(http, "malformed JSON", raw(teams, "application/json", utf8("{\"type\":\"message\",")), Map.of());
                expect(http, "wrong content type", raw(teams, "text/plain", utf8("reflect: plain")), Map.of());
                expect(http, "10 MB body", raw(teams, "application/json", concat(utf8("{\"type\":\"message\",\"text\":\""), tenMb, utf8("\"}"))), Map.of());
                expect(http, "invalid UTF-8", raw(teams, "application/json", concat(utf8("{\"type\":\"message\",\"text\":\""), BAD_UTF8, utf8("\"}"))), Map.of());
                expect(http, "operator object as user id", raw(teams, "application/json", utf8(
                        Slack.teamsMessage("x", "reflect: injected", "act-op", fake.baseUrl(), Instant.now().toString())
                                .replace("\"id\":\"29:x\"", "\"id\":{\"$ne\":null}"))), Map.of());
                expect(http, "forged loopback (X-Forwarded-For)", HttpRequest.newBuilder(URI.create(teams)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113.9")
                        .POST(HttpRequest.BodyPublishers.ofString(Slack.teamsMessage("x", "log", "act-fwd", fake.baseUrl(), Instant.now().toString())))
                        .build(), Map.of());

                Thread.sleep(3000);
                int after = Reflections.total(http, app, "sam");
                boolean healthy = app.healthy(http);
                System.out.printf("sam's learning log: %d entries before, %d after; app healthy: %s%n", before, after, healthy);
                if (after != before || !healthy) {
                    failures++;
                }
            } finally {
                app.close();
            }
        }
        System.out.println(failures == 0 ? "PASS: every hostile input refused or answered politely, nothing stored"
                : "FAIL: " + failures + " hostile input(s) mishandled");
        if (failures > 0) {
            System.exit(1);
        }
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static HttpRequest raw(String url, String contentType, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static HttpRequest signed(String url, String contentType, byte[] body, String ts) {
        String signature;
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(LoadBench.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8));
            signature = "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** A 4xx, or a 2xx whose body has no stack trace; never a 5xx. */
    private static void expect(HttpClient http, String what, HttpRequest request, Map<String, String> unused) {
        int status;
        String body;
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = r.statusCode();
            body = r.body() == null ? "" : r.body();
        } catch (Exception e) {
            // the server may close the connection on a body it refuses to read: that is a refusal too
            status = -1;
            body = e.getClass().getSimpleName();
        }
        boolean trace = body.contains("Exception") && status != -1 || body.contains("\tat ") || body.contains("\"trace\"");
        boolean ok = !trace && (status == -1 || (status >= 200 && status < 500));
        if (!ok) {
            failures++;
        }
        String shown = body.replaceAll("\\s+", " ");
        System.out.printf("  %-4s %-38s HTTP %s %s%n", ok ? "ok" : "FAIL", what, status == -1 ? "closed" : Integer.toString(status),
                shown.length() > 110 ? shown.substring(0, 110) + "..." : shown);
    }
}
