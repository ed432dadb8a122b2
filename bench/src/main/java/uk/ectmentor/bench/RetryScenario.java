package uk.ectmentor.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Fault scenario: Slack retries every event three times ({@code X-Slack-Retry-Num} 1, 2, 3 with the same
 * event id, as it does when an acknowledgement is late). PASS when every reflection is in the log exactly
 * once and the bot answered each once.
 *
 * <pre>RetryScenario [--jar ...] [--count 100]</pre>
 */
public final class RetryScenario {
    private RetryScenario() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadBench.options(args);
        Path jar = Path.of(opts.getOrDefault("jar", "app/target/ect-mentor-bot.jar"));
        int count = Math.min(1000, Integer.parseInt(opts.getOrDefault("count", "100")));
        String prefix = "r" + Long.toString(System.currentTimeMillis() % 46656, 36);
        HttpClient http = Reflections.client();
        boolean pass;
        try (FakeSlackApi fake = new FakeSlackApi()) {
            Child app = Child.app(jar, Files.createTempDirectory("ect-retry-"), LoadBench.SECRET, fake, Map.of());
            try {
                LoadBench.linkSlackUser(http, app, fake, "sam", "U0SAM");
                Thread.sleep(1000);
                long postsBefore = fake.posts.get();
                int refused = 0;
                for (int i = 0; i < count; i++) {
                    String body = Slack.dmEvent("U0SAM", Reflections.text(prefix, i), "Ev" + prefix + "x" + i, Instant.now().getEpochSecond());
                    for (int attempt = 0; attempt <= 3; attempt++) {
                        String ts = Long.toString(Instant.now().getEpochSecond());
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url("/slack/events"))).timeout(LoadRun.TIMEOUT)
                                .header("Content-Type", "application/json")
                                .header("X-Slack-Request-Timestamp", ts)
                                .header("X-Slack-Signature", Slack.signature(LoadBench.SECRET, ts, body));
                        if (attempt > 0) {
                            b.header("X-Slack-Retry-Num", Integer.toString(attempt)).header("X-Slack-Retry-Reason", "http_timeout");
                        }
                        if (http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() != 200) {
                            refused++;
                        }
                    }
                }
                long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (Reflections.stored(http, app, "sam", prefix, count - 1) == 0 && System.nanoTime() < until) {
                    Thread.sleep(500);
                }
                int entries = Reflections.settle(http, app, "sam", Duration.ofMinutes(2));
                LoadBench.drain(fake);
                int once = 0;
                int missing = 0;
                int twice = 0;
                for (int i = 0; i < count; i++) {
                    int n = Reflections.stored(http, app, "sam", prefix, i);
                    once += n == 1 ? 1 : 0;
                    missing += n == 0 ? 1 : 0;
                    twice += n > 1 ? 1 : 0;
                }
                long replies = fake.posts.get() - postsBefore;
                System.out.printf("%d events, each sent 4 times (original + retries 1-3): %d requests not answered 200%n", count, refused);
                System.out.printf("log entries: %d; reflections once: %d, missing: %d, twice or more: %d; replies posted: %d%n",
                        entries, once, missing, twice, replies);
                pass = refused == 0 && once == count && replies == count;
                System.out.println(pass ? "PASS: every retried event processed exactly once" : "FAIL: retries lost or doubled events");
            } finally {
                app.close();
            }
        }
        if (!pass) {
            System.exit(1);
        }
    }
}
