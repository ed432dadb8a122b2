package uk.ectmentor.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import uk.ectmentor.core.storage.EmbeddedMongo;

/**
 * Fault scenario: 1,000 reflections sent as Slack direct messages at a steady rate; the app is killed with
 * SIGKILL part-way; it is restarted on the same data directory; the events Slack saw no 200 for are sent
 * again as Slack's retries (same event id, {@code X-Slack-Retry-Num: 1}); then every reflection is looked up.
 * PASS when every acknowledged reflection is in the log exactly once (and no reflection is in twice).
 * With {@code --target teams} the same run goes through Teams: Bot Framework {@code message} activities to
 * {@code /api/messages}, and the unacknowledged ones are delivered again with the same activity id. With
 * {@code --store mongodb} the app runs against a MongoDB-compatible server of the bench's own ({@code MONGODB_URI}),
 * which outlives the kill, instead of its embedded store: the restarted app cannot tell its previous run's claims
 * from another instance's, so they end when that run's heartbeat has been out for two minutes.
 *
 * <pre>KillScenario [--jar ...] [--count 1000] [--rate 250] [--kill-after-ms 2000] [--users 50] [--target slack|teams]
 *              [--store embedded|mongodb]</pre>
 */
public final class KillScenario {
    private KillScenario() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadBench.options(args);
        Path jar = Path.of(opts.getOrDefault("jar", "app/target/ect-mentor-bot.jar"));
        int count = Math.min(5000, Integer.parseInt(opts.getOrDefault("count", "1000")));
        int rate = Integer.parseInt(opts.getOrDefault("rate", "250"));
        long killAfterMs = Long.parseLong(opts.getOrDefault("kill-after-ms", "2000"));
        // several Slack identities of one person, as replies to one channel are paced at about one a second
        int users = Math.max(1, Math.min(200, Integer.parseInt(opts.getOrDefault("users", "50"))));
        String prefix = "k" + Long.toString(System.currentTimeMillis() % 46656, 36);
        boolean teams = "teams".equals(opts.getOrDefault("target", "slack"));
        boolean mongodb = "mongodb".equals(opts.getOrDefault("store", "embedded"));

        HttpClient http = Reflections.client();
        Path data = Files.createTempDirectory("ect-kill-");
        int[] status = new int[count];
        String[] bodies = new String[count];
        String[] fakeUrl = new String[1];
        int storePort = Child.freePort();
        Map<String, String> env = mongodb ? Map.of("MONGODB_URI", "mongodb://127.0.0.1:" + storePort, "BOT_DEMO", "true") : Map.of();
        try (EmbeddedMongo store = mongodb ? EmbeddedMongo.onDisk(Files.createTempDirectory("ect-kill-store-"), storePort) : null) {
            if (mongodb) {
                System.out.printf("the app's store: mongodb://127.0.0.1:%d, a server of the bench's that outlives the kill%n", storePort);
            }
            killAndRestart(jar, data, env, fakeUrl, count, rate, killAfterMs, users, prefix, teams, http, status, bodies);
        }
    }

    private static void killAndRestart(Path jar, Path data, Map<String, String> env, String[] fakeUrl, int count, int rate,
                                       long killAfterMs, int users, String prefix, boolean teams, HttpClient http, int[] status,
                                       String[] bodies) throws Exception {
        boolean failed;
        int acked = 0;
        try (FakeSlackApi fake = new FakeSlackApi()) {
            fakeUrl[0] = fake.baseUrl();
            Child app = Child.app(jar, data, LoadBench.SECRET, fake, env);
            for (int u = 0; u < users; u++) {
                if (teams) {
                    linkTeamsUser(http, app, fake, "sam", "tk" + u);
                } else {
                    LoadBench.linkSlackUser(http, app, fake, "sam", "U0K" + u);
                }
            }
            System.out.printf("%d %s users linked to the demo ECT sam%n", users, teams ? "Teams" : "Slack");
            Thread.sleep(3000); // let the link reach the file before the crash
            String slack = app.url("/slack/events");
            CountDownLatch done = new CountDownLatch(count);
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(killAfterMs);
                    app.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "killer");
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            killer.start();
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                HttpRequest request;
                if (teams) {
                    bodies[i] = Slack.teamsMessage("tk" + (i % users), Reflections.text(prefix, i), "act" + prefix + "x" + i,
                            fake.baseUrl(), Instant.now().toString());
                    request = teamsPost(app.url("/api/messages"), bodies[i]);
                } else {
                    bodies[i] = Slack.dmEvent("U0K" + (i % users), Reflections.text(prefix, i), "Ev" + prefix + "x" + i, Instant.now().getEpochSecond());
                    request = LoadBench.signed(slack, bodies[i], "application/json");
                }
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> {
                            status[index] = e == null ? r.statusCode() : -1;
                            done.countDown();
                        });
            }
            done.await(60, TimeUnit.SECONDS);
            killer.join();
            for (int s : status) {
                acked += s == 200 ? 1 : 0;
            }
            System.out.printf("sent %d reflections at %d/s, SIGKILL after %d ms: %d acknowledged with 200, %d not%n",
                    count, rate, killAfterMs, acked, count - acked);

            fake.close();
        }
        // a fresh fake Slack for the restarted app, as if Slack had carried on
        try (FakeSlackApi fake = new FakeSlackApi()) {
            Child again = Child.app(jar, data, LoadBench.SECRET, fake, env);
            long restarted = System.nanoTime();
            try {
                System.out.printf("restarted on the same data directory: healthy after %d ms%n", again.startMillis);
                int retried = 0;
                for (int i = 0; i < count; i++) {
                    if (status[i] != 200 && teams) {
                        // the channel delivers the activity again, same id, to the restarted bot
                        if (http.send(teamsPost(again.url("/api/messages"), bodies[i].replace(fakeUrl[0], fake.baseUrl())),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            retried++;
                        }
                    } else if (status[i] != 200) {
                        String ts = Long.toString(Instant.now().getEpochSecond());
                        HttpRequest retry = HttpRequest.newBuilder(java.net.URI.create(again.url("/slack/events")))
                                .timeout(LoadRun.TIMEOUT)
                                .header("Content-Type", "application/json")
                                .header("X-Slack-Request-Timestamp", ts)
                                .header("X-Slack-Signature", Slack.signature(LoadBench.SECRET, ts, bodies[i]))
                                .header("X-Slack-Retry-Num", "1").header("X-Slack-Retry-Reason", "http_error")
                                .POST(HttpRequest.BodyPublishers.ofString(bodies[i])).build();
                        if (http.send(retry, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            retried++;
                        }
                    }
                }
                System.out.printf("%s of the %d unacknowledged: %d acknowledged%n", teams ? "Teams' redeliveries" : "Slack's retries",
                        count - acked, retried);
                int last = -1;
                for (int i = 0; i < count; i++) {
                    last = status[i] != 200 ? i : last;
                }
                long until = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (last >= 0 && Reflections.storedYet(http, again, "sam", prefix, last) == 0 && System.nanoTime() < until) {
                    Thread.sleep(1000);
                }
                // messages acknowledged but never answered are picked up from the store: on the embedded store once
                // they are a minute old, on MongoDB once the dead run's heartbeat has been out for two minutes (at the
                // latest when a claim runs out, five minutes after the message was taken in). Count the missing ones
                // (the log listing is capped) every 5 s until none is, then wait on to 340 s after the restart, so
                // that a second answer when a claim runs out would be seen too
                java.util.Set<Integer> waiting = new java.util.TreeSet<>();
                for (int i = 0; i < count; i++) {
                    if (status[i] == 200) {
                        waiting.add(i);
                    }
                }
                long allBy = restarted + Duration.ofSeconds(340).toNanos();
                while (!waiting.isEmpty() && System.nanoTime() < allBy) {
                    for (java.util.Iterator<Integer> it = waiting.iterator(); it.hasNext(); ) {
                        if (Reflections.storedYet(http, again, "sam", prefix, it.next()) > 0) {
                            it.remove();
                        }
                    }
                    if (!waiting.isEmpty()) {
                        Thread.sleep(5000);
                    }
                }
                if (waiting.isEmpty()) {
                    System.out.printf("every acknowledged reflection in the log %d s after the restart%n",
                            Duration.ofNanos(System.nanoTime() - restarted).toSeconds());
                }
                Thread.sleep(Math.max(0, Duration.ofNanos(allBy - System.nanoTime()).toMillis()));
                // then wait while acknowledged reflections are still appearing, at most 8 minutes
                long settleBy = System.nanoTime() + Duration.ofMinutes(8).toNanos();
                long lastProgress = System.nanoTime();
                while (!waiting.isEmpty() && System.nanoTime() < settleBy
                        && System.nanoTime() - lastProgress < Duration.ofSeconds(45).toNanos()) {
                    int before = waiting.size();
                    for (java.util.Iterator<Integer> it = waiting.iterator(); it.hasNext(); ) {
                        if (Reflections.storedYet(http, again, "sam", prefix, it.next()) > 0) {
                            it.remove();
                        }
                    }
                    if (waiting.size() < before) {
                        lastProgress = System.nanoTime();
                    }
                    Thread.sleep(2000);
                }
                System.out.printf("acknowledged reflections still missing when the log settled: %d%n", waiting.size());
                int ackedLost = 0;
                int ackedTwice = 0;
                int retriedLost = 0;
                int retriedTwice = 0;
                StringBuilder lost = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    int n = Reflections.stored(http, again, "sam", prefix, i);
                    if (status[i] == 200) {
                        ackedLost += n == 0 ? 1 : 0;
                        ackedTwice += n > 1 ? 1 : 0;
                        if (n == 0 && lost.length() < 200) {
                            lost.append(' ').append(i);
                        }
                    } else {
                        retriedLost += n == 0 ? 1 : 0;
                        retriedTwice += n > 1 ? 1 : 0;
                    }
                }
                System.out.printf("acknowledged before the kill: %d; in the log once: %d; missing: %d%s; twice or more: %d%n",
                        acked, acked - ackedLost - ackedTwice, ackedLost, lost.length() == 0 ? "" : " (e.g." + lost + ")", ackedTwice);
                System.out.printf("not acknowledged, then retried: %d; missing after the retry: %d; twice or more: %d%n",
                        count - acked, retriedLost, retriedTwice);
                boolean pass = ackedLost == 0 && ackedTwice == 0 && retriedTwice == 0;
                System.out.println(pass ? "PASS: every acknowledged reflection is in the log exactly once"
                        : "FAIL: acknowledged reflections lost or doubled by a SIGKILL");
                failed = !pass;
            } finally {
                again.close();
            }
        }
        if (failed) {
            System.exit(1);
        }
    }

    static HttpRequest teamsPost(String url, String body) {
        return HttpRequest.newBuilder(java.net.URI.create(url)).timeout(LoadRun.TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Links Teams user {@code teamsUser} (tenant bench-tenant) to web user {@code webUser}, through the chat. */
    static void linkTeamsUser(HttpClient http, Child app, FakeSlackApi fake, String webUser, String teamsUser) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\*([A-Z2-9]{6})\\*").matcher(LoadBench.web(http, app, webUser, "link"));
        if (!m.find()) {
            throw new IllegalStateException("no linking code");
        }
        long before = fake.posts.get();
        HttpResponse<String> r = http.send(teamsPost(app.url("/api/messages"), Slack.teamsMessage(teamsUser, "link " + m.group(1),
                "actlink" + System.nanoTime(), fake.baseUrl(), Instant.now().toString())), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("link refused: " + r.statusCode() + " " + r.body());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (fake.posts.get() == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
