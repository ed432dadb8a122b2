package uk.ectmentor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake Slack Web API and a fake Bot Framework connector on loopback that ENFORCE the platforms' published
 * limits in sliding windows, timed when each request arrives, and answer 429 with Retry-After when one is
 * exceeded (a refused request does not count towards the window):
 * <ul>
 *   <li>Slack {@code chat.postMessage}: 1 per channel in any 1 s, and {@link #SLACK_WORKSPACE_PER_MINUTE}
 *       in any 60 s across the workspace; {@code conversations.open} (Tier 3): 50 in any 60 s;</li>
 *   <li>Teams {@code POST /v3/conversations/{id}/activities}: 50 in any 1 s per tenant; per conversation 7 in
 *       1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour.</li>
 * </ul>
 * Every answer comes after a random 30-80 ms, like a platform across the internet. It counts accepted
 * posts, 429s, and posts of the same text to the same channel or conversation twice.
 */
final class LimitedPlatforms implements AutoCloseable {
    static final int SLACK_WORKSPACE_PER_MINUTE = 300;
    static final int SLACK_TIER_3_PER_MINUTE = 50;
    static final int TEAMS_TENANT_PER_SECOND = 50;
    private static final long SECOND = 1_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one platform saw. */
    static final class Counts {
        final AtomicLong posts = new AtomicLong();
        final AtomicLong opens = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong twice = new AtomicLong();
        /** 429s by the window that refused them. */
        final Map<String, AtomicLong> refusedBy = new ConcurrentHashMap<>();

        void refused(String window) {
            refused.incrementAndGet();
            refusedBy.computeIfAbsent(window, k -> new AtomicLong()).incrementAndGet();
        }
        final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        volatile long firstPost;
        volatile long lastPost;
        final java.util.List<Long> arrivals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        /** Posts a second between the arrivals of the 10th and the 90th percentile post: the steady rate. */
        double steadyRate() {
            java.util.List<Long> sorted;
            synchronized (arrivals) {
                sorted = new java.util.ArrayList<>(arrivals);
            }
            java.util.Collections.sort(sorted);
            if (sorted.size() < 10) {
                return 0;
            }
            int from = sorted.size() / 10;
            int to = sorted.size() * 9 / 10;
            return (to - from) / ((sorted.get(to) - sorted.get(from)) / 1e9);
        }

        void posted(String key, long at) {
            if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
                twice.incrementAndGet();
            }
            arrivals.add(at);
            synchronized (this) {
                if (posts.getAndIncrement() == 0) {
                    firstPost = at;
                }
                lastPost = Math.max(lastPost, at);
            }
        }
    }

    final Counts slack = new Counts();
    final Counts teams = new Counts();
    private final Windows windows = new Windows();
    private final HttpServer server;
    private final ExecutorService pool;

    LimitedPlatforms() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        pool = Executors.newFixedThreadPool(48, r -> {
            Thread t = new Thread(r, "limited-platform");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/api/", this::slack);
        server.createContext("/v3/", this::teams);
        server.start();
    }

    /** The Slack Web API base. */
    String slackApiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** The Bot Framework connector's service URL. */
    String teamsServiceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void slack(HttpExchange ex) throws IOException {
        long now = System.nanoTime();
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> form = form(body);
        String path = ex.getRequestURI().getPath();
        if (path.endsWith("conversations.open")) {
            long wait = windows.admit("slack:open", now, SLACK_TIER_3_PER_MINUTE, 60 * SECOND);
            if (wait > 0) {
                slack.refused("conversations.open 50/min");
                answer(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}", wait);
                return;
            }
            slack.opens.incrementAndGet();
            String user = form.getOrDefault("users", "U?");
            answer(ex, 200, "{\"ok\":true,\"channel\":{\"id\":\"D" + user + "\"}}", 0);
        } else if (path.endsWith("chat.postMessage")) {
            String channel = form.getOrDefault("channel", "?");
            String[] which = new String[1];
            long wait = windows.admitBoth("slack:channel:" + channel, 1, SECOND, "slack:workspace",
                    SLACK_WORKSPACE_PER_MINUTE, 60 * SECOND, now, which);
            if (wait > 0) {
                slack.refused(which[0].startsWith("slack:channel") ? "channel 1/s" : "workspace " + SLACK_WORKSPACE_PER_MINUTE + "/min");
                answer(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}", wait);
                return;
            }
            slack.posted(channel + "|" + form.getOrDefault("text", ""), now);
            answer(ex, 200, "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"1700000000." + now + "\"}", 0);
        } else {
            answer(ex, 200, "{\"ok\":true}", 0);
        }
    }

    private void teams(HttpExchange ex) throws IOException {
        long now = System.nanoTime();
        JsonNode activity;
        try (InputStream in = ex.getRequestBody()) {
            activity = JSON.readTree(in.readAllBytes());
        }
        String path = ex.getRequestURI().getPath(); // /v3/conversations/{id}/activities
        String conversation = path.replaceFirst("^/v3/conversations/", "").replaceFirst("/activities.*$", "");
        String tenant = activity.path("conversation").path("tenantId").asText("tenant");
        String[] which = new String[1];
        long wait = windows.admitTeams("teams:tenant:" + tenant, "teams:conv:" + conversation, now, which);
        if (wait > 0) {
            teams.refused(which[0]);
            answer(ex, 429, "{\"error\":{\"code\":\"TooManyRequests\"}}", wait);
            return;
        }
        teams.posted(conversation + "|" + activity.path("attachments").toString() + activity.path("text").asText(""), now);
        answer(ex, 201, "{\"id\":\"act-" + now + "\"}", 0);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void answer(HttpExchange ex, int status, String body, long retryAfterNanos) throws IOException {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(30, 81));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (retryAfterNanos > 0) {
            ex.getResponseHeaders().set("Retry-After", String.valueOf(Math.max(1, (retryAfterNanos + SECOND - 1) / SECOND)));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sliding windows of arrival times, one per key. */
    static final class Windows {
        private final Map<String, Deque<Long>> times = new HashMap<>();

        /** How long until one more request fits (0: it fits, and is counted). */
        synchronized long admit(String key, long now, int max, long window) {
            long wait = waitFor(key, now, max, window);
            if (wait == 0) {
                times.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
            }
            return wait;
        }

        synchronized long admitBoth(String a, int maxA, long windowA, String b, int maxB, long windowB, long now, String[] which) {
            long waitA = waitFor(a, now, maxA, windowA);
            long wait = Math.max(waitA, waitFor(b, now, maxB, windowB));
            which[0] = waitA > 0 ? a : b;
            if (wait == 0) {
                times.computeIfAbsent(a, k -> new ArrayDeque<>()).addLast(now);
                times.computeIfAbsent(b, k -> new ArrayDeque<>()).addLast(now);
            }
            return wait;
        }

        synchronized long admitTeams(String tenant, String conversation, long now, String[] which) {
            long wait = 0;
            String[] names = {"tenant 50/1s", "conversation 7/1s", "conversation 8/2s", "conversation 60/30s", "conversation 1800/1h"};
            long[] waits = {waitFor(tenant, now, TEAMS_TENANT_PER_SECOND, SECOND), waitFor(conversation, now, 7, SECOND),
                    waitFor(conversation, now, 8, 2 * SECOND), waitFor(conversation, now, 60, 30 * SECOND),
                    waitFor(conversation, now, 1_800, 3_600 * SECOND)};
            for (int i = 0; i < waits.length; i++) {
                if (waits[i] > wait) {
                    wait = waits[i];
                    which[0] = names[i];
                }
            }
            if (wait == 0) {
                times.computeIfAbsent(tenant, k -> new ArrayDeque<>()).addLast(now);
                times.computeIfAbsent(conversation, k -> new ArrayDeque<>()).addLast(now);
            }
            return wait;
        }

        /** 0 if fewer than {@code max} arrivals lie in (now - window, now]; else how long until the oldest leaves. */
        private long waitFor(String key, long now, int max, long window) {
            Deque<Long> d = times.get(key);
            if (d == null) {
                return 0;
            }
            long longest = key.startsWith("teams:conv:") ? 3_600 * SECOND : window;
            while (!d.isEmpty() && d.peekFirst() <= now - longest) {
                d.removeFirst();
            }
            int inside = 0;
            long oldestInside = 0;
            for (var it = d.descendingIterator(); it.hasNext(); ) {
                long t = it.next();
                if (t <= now - window) {
                    break;
                }
                inside++;
                oldestInside = t;
                if (inside >= max) {
                    break;
                }
            }
            return inside < max ? 0 : Math.max(1, oldestInside + window - now);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
