package uk.ectmentor.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Reflections with unique words, and counting them back through the web chat's {@code search log}. */
final class Reflections {
    private static final Pattern ENTRIES = Pattern.compile("(\\d+) entr(?:y|ies)");
    private Reflections() {
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8, r -> {
                    Thread t = new Thread(r, "scenario-client");
                    t.setDaemon(true);
                    return t;
                })).build();
    }

    /** The one word that marks reflection {@code i} of a run. */
    static String token(String prefix, int i) {
        return String.format("%sbench%04dq", prefix, i);
    }

    static String text(String prefix, int i) {
        return "reflect: scenario entry " + token(prefix, i) + " about hinge questions";
    }

    /** How many entries of {@code webUser}'s learning log hold reflection {@code i}. */
    static int stored(HttpClient http, Child app, String webUser, String prefix, int i) throws Exception {
        String body = LoadBench.web(http, app, webUser, "search log " + token(prefix, i));
        String needle = "scenario entry " + token(prefix, i) + " ";
        int count = 0;
        for (JsonNode message : Slack.JSON.readTree(body).path("messages")) {
            for (JsonNode block : message.path("blocks")) {
                for (JsonNode item : block.path("items")) {
                    count += item.asText().contains(needle) ? 1 : 0;
                }
            }
        }
        return count;
    }

    /**
     * As {@link #stored}, while the app is still catching up: a search that timed out (the person's earlier
     * messages are handled first, in order) counts as not there yet.
     */
    static int storedYet(HttpClient http, Child app, String webUser, String prefix, int i) throws Exception {
        try {
            return stored(http, app, webUser, prefix, i);
        } catch (java.net.http.HttpTimeoutException e) {
            return 0;
        }
    }

    /** The number of entries in {@code webUser}'s learning log, from the web chat's {@code log}. */
    static int total(HttpClient http, Child app, String webUser) throws Exception {
        Matcher m = ENTRIES.matcher(LoadBench.web(http, app, webUser, "log"));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Waits (bounded) until the log has stopped growing for a few seconds: the app has caught up. */
    static int settle(HttpClient http, Child app, String webUser, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        int last = -1;
        int stable = 0;
        while (System.nanoTime() < deadline) {
            int now = total(http, app, webUser);
            stable = now == last ? stable + 1 : 0;
            if (stable >= 5) {
                return now;
            }
            last = now;
            Thread.sleep(1000);
        }
        return last;
    }
}
