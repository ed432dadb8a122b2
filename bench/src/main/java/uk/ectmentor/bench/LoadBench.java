package uk.ectmentor.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.ectmentor.core.storage.EmbeddedMongo;

/**
 * Load at rising rates against the packaged app and, in the same run, against {@link BareBoltApp}; prints
 * start-up time, memory and one table row per target and rate. Only ever talks to 127.0.0.1.
 *
 * <pre>LoadBench [--jar app/target/ect-mentor-bot.jar] [--rates 50,100,200,400] [--seconds 10]</pre>
 */
public final class LoadBench {
    static final String SECRET = "bench-signing-secret";
    private static final Pattern CODE = Pattern.compile("\\*([A-Z2-9]{6})\\*");
    /** Each target first gets this unmeasured load, so class loading and the JIT are not in the first step. */
    static final int WARM_UP_RATE = 20;
    static final int WARM_UP_SECONDS = 5;
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(15);

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Path jar = Path.of(opts.getOrDefault("jar", "app/target/ect-mentor-bot.jar"));
        int[] rates = Arrays.stream(opts.getOrDefault("rates", "50,100,200,400").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = Math.min(60, Integer.parseInt(opts.getOrDefault("seconds", "10")));
        List<String> targets = List.of(opts.getOrDefault("targets", "slack-event,slack-command,teams").split(","));
        int quietSeconds = Integer.parseInt(opts.getOrDefault("quiet-seconds", "60"));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8, r -> {
                    Thread t = new Thread(r, "load-client");
                    t.setDaemon(true);
                    return t;
                })).build();
        List<LoadRun.Result> results = new ArrayList<>();
        Map<LoadRun.Result, GcPauses> pauses = new java.util.IdentityHashMap<>();
        Path work = Files.createTempDirectory("ect-bench-");
        long startMs;
        long rssStart;
        long rssAfter;
        String storeFile;
        try (FakeSlackApi fake = new FakeSlackApi()) {
            Path data = Files.createDirectory(work.resolve("data"));
            Child app = Child.app(jar, data, SECRET, fake, Map.of());
            try {
                startMs = app.startMillis;
                Thread.sleep(2000);
                rssStart = app.rssMb();
                linkSlackUser(http, app, fake, "sam", "U0SAM");
                for (String target : targets) {
                    LoadRun.run("warm-up", http, WARM_UP_RATE, WARM_UP_SECONDS, requests(target, app, fake));
                    drain(fake);
                    for (int rate : rates) {
                        results.add(step("bot " + target, app, http, rate, seconds, requests(target, app, fake), pauses));
                        drain(fake);
                    }
                }
                rssAfter = app.rssMb();
                if (System.getenv("BENCH_NATIVE_MEMORY") != null) {
                    System.out.println(app.nativeMemory());
                }
                System.out.printf(Locale.ROOT, "bot: start-up to healthy %d ms; RSS after start %d MB; RSS after load %d MB%n",
                        startMs, rssStart, rssAfter);
                storeFile = storeFileSizes(data, quietSeconds);
                System.out.println(storeFile);
            } finally {
                app.close();
            }
            Child bare = Child.bareBolt(SECRET, fake, work);
            try {
                for (String target : targets) {
                    if (!target.startsWith("slack")) {
                        continue;
                    }
                    LoadRun.run("warm-up", http, WARM_UP_RATE, WARM_UP_SECONDS, requests(target, bare, fake));
                    for (int rate : rates) {
                        results.add(step("bare Bolt " + target, bare, http, rate, seconds, requests(target, bare, fake), pauses));
                    }
                }
            } finally {
                bare.close();
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "start-up to healthy: %d ms; RSS after start: %d MB; RSS after load: %d MB%n", startMs, rssStart, rssAfter);
        System.out.println(storeFile);
        System.out.println();
        System.out.println(table(results, pauses));
        System.out.println(crossings(results));
        System.out.println(ratios(results));
    }

    /**
     * The embedded store's file after the load and after {@code quietSeconds} with no requests, when the store's
     * housekeeping may give space back (H2 frees a dead chunk 45 s after it was last used).
     */
    static String storeFileSizes(Path data, int quietSeconds) throws IOException, InterruptedException {
        Path file = data.resolve(EmbeddedMongo.FILE_NAME);
        long afterLoad = Files.size(file);
        Thread.sleep(quietSeconds * 1000L);
        return String.format(Locale.ROOT, "store file: %.1f MB after the load, %.1f MB after %d s quiet",
                afterLoad / 1e6, Files.size(file) / 1e6, quietSeconds);
    }

    static IntFunction<HttpRequest> requests(String target, Child server, FakeSlackApi fake) {
        String slack = server.url("/slack/events");
        String stamp = Long.toString(System.nanoTime(), 36);
        switch (target) {
            case "slack-event":
                return i -> {
                    String user = i % 4 == 0 ? "U0SAM" : "U0B" + (i % 200);
                    String text = i % 4 == 0 ? "prompts" : "help";
                    return signed(slack, Slack.dmEvent(user, text, "Ev" + stamp + "x" + i, Instant.now().getEpochSecond()), "application/json");
                };
            case "slack-command":
                return i -> signed(slack, Slack.command(i % 4 == 0 ? "U0SAM" : "U0B" + (i % 200), "help", "trig" + stamp + "x" + i,
                        fake.baseUrl() + "response/" + i), "application/x-www-form-urlencoded");
            case "teams":
                return i -> HttpRequest.newBuilder(URI.create(server.url("/api/messages"))).timeout(LoadRun.TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Slack.teamsMessage("tb" + (i % 200), "help", "act-" + stamp + i,
                                fake.baseUrl(), Instant.now().toString())))
                        .build();
            default:
                throw new IllegalArgumentException("unknown target " + target + " (slack-event, slack-command, teams)");
        }
    }

    static HttpRequest signed(String url, String body, String contentType) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        return HttpRequest.newBuilder(URI.create(url)).timeout(LoadRun.TIMEOUT)
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", Slack.signature(SECRET, ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Links Slack user {@code slackUser} to the demo school's web user {@code webUser}, through the chat. */
    static void linkSlackUser(HttpClient http, Child app, FakeSlackApi fake, String webUser, String slackUser) throws Exception {
        String reply = web(http, app, webUser, "link");
        Matcher m = CODE.matcher(reply);
        if (!m.find()) {
            throw new IllegalStateException("no linking code in " + reply);
        }
        long before = fake.posts.get();
        HttpResponse<String> r = http.send(signed(app.url("/slack/events"),
                Slack.dmEvent(slackUser, "link " + m.group(1), "EvLink" + System.nanoTime(), Instant.now().getEpochSecond()),
                "application/json"), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("link refused: " + r.statusCode() + " " + r.body());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (fake.posts.get() == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** One web chat turn; the JSON reply as text. */
    static String web(HttpClient http, Child app, String user, String text) throws Exception {
        String body = Slack.JSON.createObjectNode().put("user", user).put("text", text).toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.url("/api/chat/messages")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("web chat answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** Waits (bounded) until the app has stopped posting replies, so one step's backlog does not load the next. */
    static void drain(FakeSlackApi fake) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = fake.calls.get();
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(1000);
        }
    }

    /** One measured step against {@code server}: its result, printed, and the server's GC pauses during it kept in {@code pauses}. */
    private static LoadRun.Result step(String label, Child server, HttpClient http, int rate, int seconds,
            IntFunction<HttpRequest> requests, Map<LoadRun.Result, GcPauses> pauses) throws Exception {
        long from = System.currentTimeMillis();
        LoadRun.Result r = LoadRun.run(label, http, rate, seconds, requests);
        pauses.put(r, server.gcPauses(from, System.currentTimeMillis()));
        print(r, pauses.get(r));
        return r;
    }

    static void print(LoadRun.Result r, GcPauses pauses) {
        System.out.printf(Locale.ROOT, "%-26s %4d req/s: ok %d/%d, p50 %s, p99 %s, p99.9 %s; GC pauses %s%n", r.target(), r.rate(),
                r.ok(), r.sent(), ms(r.p50()), ms(r.p99()), ms(r.p999()), pauses);
    }

    /** The results as a Markdown table, with the server's stop-the-world collections during each step. */
    static String table(List<LoadRun.Result> results, Map<LoadRun.Result, GcPauses> pauses) {
        StringBuilder sb = new StringBuilder();
        sb.append("| target | rate (req/s) | sent | errors | throughput (req/s) | p50 | p99 | p99.9 | max | GC pauses (count, total, longest) |\n");
        sb.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (LoadRun.Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %s | %s | %s | %s | %s |%n", r.target(), r.rate(), r.sent(),
                    r.errors(), r.throughput(), ms(r.p50()), ms(r.p99()), ms(r.p999()), ms(r.max()),
                    pauses.getOrDefault(r, GcPauses.UNKNOWN)));
        }
        return sb.toString();
    }

    /** For each target, the first rate whose p99 is over one second. */
    static String crossings(List<LoadRun.Result> results) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Integer> highest = new LinkedHashMap<>();
        for (LoadRun.Result r : results) {
            highest.merge(r.target(), r.rate(), Math::max);
            if (!out.containsKey(r.target()) && (r.p99() > 1_000_000 || r.p99() < 0 || r.ok() < r.sent() / 2)) {
                out.put(r.target(), r.rate() + " req/s");
            }
        }
        StringBuilder sb = new StringBuilder("p99 over 1 s:");
        highest.forEach((t, max) -> sb.append(String.format(Locale.ROOT, "%n- %s: %s", t, out.getOrDefault(t, "not reached up to " + max + " req/s"))));
        return sb.append('\n').toString();
    }

    /** The bot's p99 over the bare Bolt app's, per Slack target and rate. */
    static String ratios(List<LoadRun.Result> results) {
        StringBuilder sb = new StringBuilder("p99 ratio bot / bare Bolt:");
        for (LoadRun.Result bot : results) {
            if (!bot.target().startsWith("bot slack")) {
                continue;
            }
            String kind = bot.target().substring("bot ".length());
            for (LoadRun.Result bare : results) {
                if (bare.target().equals("bare Bolt " + kind) && bare.rate() == bot.rate() && bare.p99() > 0 && bot.p99() > 0) {
                    sb.append(String.format(Locale.ROOT, "%n- %s at %d req/s: %.2fx (%s vs %s)", kind, bot.rate(),
                            (double) bot.p99() / bare.p99(), ms(bot.p99()), ms(bare.p99())));
                }
            }
        }
        return sb.append('\n').toString();
    }

    static String ms(long micros) {
        return micros < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }
}
