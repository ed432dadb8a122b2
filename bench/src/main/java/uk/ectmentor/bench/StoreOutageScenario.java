package uk.ectmentor.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import uk.ectmentor.core.storage.EmbeddedMongo;

/**
 * Fault scenario: the app runs against a MongoDB-compatible server ({@code MONGODB_URI}, an embedded store
 * on a fixed loopback port) that is stopped for a while and restarted on the same file. PASS when health
 * goes DOWN during the outage, a user gets a short apology (no stack trace) and a 2xx, health comes back
 * UP, and a reflection saved before the outage and one saved after it are both in the log.
 *
 * <pre>StoreOutageScenario [--jar ...] [--outage-seconds 30]</pre>
 */
public final class StoreOutageScenario {
    private StoreOutageScenario() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadBench.options(args);
        Path jar = Path.of(opts.getOrDefault("jar", "app/target/ect-mentor-bot.jar"));
        int outage = Math.min(300, Integer.parseInt(opts.getOrDefault("outage-seconds", "30")));
        HttpClient http = Reflections.client();
        Path storeDir = Files.createTempDirectory("ect-outage-store-");
        int port = Child.freePort();
        EmbeddedMongo store = EmbeddedMongo.onDisk(storeDir, port);
        boolean pass = true;
        try (FakeSlackApi fake = new FakeSlackApi()) {
            Child app = Child.app(jar, Files.createTempDirectory("ect-outage-"), LoadBench.SECRET, fake,
                    Map.of("MONGODB_URI", "mongodb://127.0.0.1:" + port, "BOT_DEMO", "true"));
            try {
                System.out.printf("app on mongodb://127.0.0.1:%d: healthy after %d ms%n", port, app.startMillis);
                pass &= check("a reflection is saved before the outage",
                        LoadBench.web(http, app, "sam", "reflect: outage check before the stop").contains("Saved"));

                store.close();
                long stopped = System.nanoTime();
                System.out.printf("store stopped for %d s%n", outage);
                long down = waitHealth(http, app, 503, Duration.ofSeconds(60));
                pass &= check("health DOWN (503) during the outage, after " + down + " ms", down >= 0);

                long t0 = System.nanoTime();
                HttpResponse<String> reply = post(http, app, "sam", "reflect: written while the store is down");
                long took = (System.nanoTime() - t0) / 1_000_000;
                String body = reply.body();
                System.out.printf("web chat during the outage: HTTP %d after %d ms: %s%n", reply.statusCode(), took,
                        body.length() > 300 ? body.substring(0, 300) + "..." : body);
                pass &= check("the user gets a short apology, not a stack trace", reply.statusCode() < 500
                        && body.contains("Sorry") && !body.contains("Exception") && !body.contains("\tat ") && body.length() < 2000);

                String ts = Long.toString(java.time.Instant.now().getEpochSecond());
                String event = Slack.dmEvent("U0OUT", "help", "EvOutage" + System.nanoTime(), java.time.Instant.now().getEpochSecond());
                HttpResponse<String> slack = http.send(HttpRequest.newBuilder(URI.create(app.url("/slack/events"))).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", ts)
                        .header("X-Slack-Signature", Slack.signature(LoadBench.SECRET, ts, event))
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
                System.out.printf("a Slack event during the outage: HTTP %d (not 200 means Slack retries it later)%n", slack.statusCode());

                long remaining = Duration.ofSeconds(outage).toNanos() - (System.nanoTime() - stopped);
                if (remaining > 0) {
                    Thread.sleep(remaining / 1_000_000);
                }
                store = EmbeddedMongo.onDisk(storeDir, port);
                System.out.println("store restarted on the same port and file");
                long up = waitHealth(http, app, 200, Duration.ofSeconds(120));
                pass &= check("health UP again, after " + up + " ms", up >= 0);
                pass &= check("a reflection is saved after recovery",
                        LoadBench.web(http, app, "sam", "reflect: outage check after the restart").contains("Saved"));
                String log = LoadBench.web(http, app, "sam", "log");
                pass &= check("the reflection from before the outage is still in the log", log.contains("outage check before the stop"));
                pass &= check("nothing half-saved from the outage", !log.contains("written while the store is down")
                        || body.contains("Saved"));
            } finally {
                app.close();
                store.close();
            }
        }
        System.out.println(pass ? "PASS: store outage reported, apologised for and recovered from" : "FAIL: see the checks above");
        if (!pass) {
            System.exit(1);
        }
    }

    private static boolean check(String what, boolean ok) {
        System.out.println((ok ? "  ok   " : "  FAIL ") + what);
        return ok;
    }

    private static HttpResponse<String> post(HttpClient http, Child app, String user, String text) throws Exception {
        String body = Slack.JSON.createObjectNode().put("user", user).put("text", text).toString();
        return http.send(HttpRequest.newBuilder(URI.create(app.url("/api/chat/messages"))).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Milliseconds until /actuator/health answers {@code status}, or -1 after {@code limit}. */
    private static long waitHealth(HttpClient http, Child app, int status, Duration limit) throws Exception {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < limit.toNanos()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.url("/actuator/health")))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == status) {
                    return (System.nanoTime() - t0) / 1_000_000;
                }
            } catch (java.io.IOException e) {
                // not answering yet
            }
            Thread.sleep(250);
        }
        return -1;
    }
}
