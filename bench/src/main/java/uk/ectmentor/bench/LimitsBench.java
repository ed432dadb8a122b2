package uk.ectmentor.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;

import uk.ectmentor.adapters.slack.BenchSlackSenders;
import uk.ectmentor.adapters.teams.BenchTeamsSenders;
import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.Sender;
import uk.ectmentor.core.nudges.NudgeInputs;
import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;
import uk.ectmentor.scheduler.Dispatcher;
import uk.ectmentor.scheduler.NudgeComposer;
import uk.ectmentor.scheduler.NudgeKind;
import uk.ectmentor.scheduler.NudgeStore;
import uk.ectmentor.scheduler.PlannedNudge;

/**
 * Nudge dispatch at the platforms' published limits (not a test; see docs/PERFORMANCE.md). For each platform,
 * N pairings in the embedded in-memory store, a fifth of them with mentors who have four ECTs (so one DM
 * channel or conversation gets four nudges at once), two nudges a pairing, all due now; the REAL
 * {@link Dispatcher}(s) with the REAL SlackSender / TeamsSender through the real SDK clients, against
 * {@link LimitedPlatforms} on loopback. Prints nudges, seconds, achieved rate, the binding limit, % of it,
 * 429s and sends made twice.
 *
 * <p>Options: {@code --slack-pairings 200 --teams-pairings 1000 --instances 1,2 --platforms slack,teams
 * --pacing shared --concurrency 12}. {@code --pacing}: {@code shared} (the default, as the app runs): each instance
 * beats in the store ({@link InstanceShare}) and paces at its share of the default limit; {@code split}: each is
 * configured with a fixed share of it; {@code each}: each paces at the whole default limit (as before instances
 * shared it).
 */
public final class LimitsBench {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** The dispatchers' clock ticks in real time from Monday 30 November 2026, 12:00 UTC: term time. */
    private static final Instant TERM_TIME = Instant.parse("2026-11-30T12:00:00Z");
    private static final String TEAM = "TBENCH";
    private static final String TENANT = "tenant-bench";
    private static int concurrency = uk.ectmentor.scheduler.SchedulerProperties.DEFAULT_SEND_CONCURRENCY;
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    private LimitsBench() {
    }

    public static void main(String[] args) throws Exception {
        int slackPairings = 200;
        int teamsPairings = 1000;
        List<Integer> instanceCounts = List.of(1, 2);
        List<String> platforms = List.of("slack", "teams");
        String pacing = "shared";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--slack-pairings" -> slackPairings = Integer.parseInt(args[++i]);
                case "--teams-pairings" -> teamsPairings = Integer.parseInt(args[++i]);
                case "--instances" -> instanceCounts = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--platforms" -> platforms = List.of(args[++i].split(","));
                case "--pacing" -> pacing = args[++i];
                case "--split" -> pacing = "split";
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--jar" -> i++; // run.sh passes the app jar to every mode; this one needs none
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!List.of("shared", "split", "each").contains(pacing)) {
            throw new IllegalArgumentException("--pacing is shared, split or each, not " + pacing);
        }
        System.out.printf("cores: %d; send concurrency per dispatcher: %d; platform latency 30-80 ms a call; pacing: %s%n",
                Runtime.getRuntime().availableProcessors(), concurrency, pacing);
        System.out.println("| platform | instances | pace per instance | nudges | posts | seconds | achieved /s | binding limit /s "
                + "| % of limit | 429s | sent twice | retried (own pace) | not sent |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        ContentPack content = ContentLoader.load(null);
        // warm-up (not printed): class loading, JIT and connection pools, on fakes and a store of its own
        for (String platform : platforms) {
            try (EmbeddedMongo server = EmbeddedMongo.inMemory(); LimitedPlatforms fakes = new LimitedPlatforms()) {
                run(server, fakes, content, platform, platform.equals("slack") ? 10 : 200, 1, "each", false);
            }
        }
        for (int instances : instanceCounts) {
            for (String platform : platforms) {
                int pairings = platform.equals("slack") ? slackPairings : teamsPairings;
                try (EmbeddedMongo server = EmbeddedMongo.inMemory(); LimitedPlatforms fakes = new LimitedPlatforms()) {
                    run(server, fakes, content, platform, pairings, instances, pacing, true);
                }
            }
        }
    }

    private static void run(EmbeddedMongo server, LimitedPlatforms fakes, ContentPack content, String platform, int pairings,
                            int instances, String pacing, boolean print) throws Exception {
        boolean slack = platform.equals("slack");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TERM_TIME));
        String db = "limits_" + platform + "_" + instances;
        int nudges;
        try (MongoStorage storage = MongoStorage.connect(server.connectionString(), db)) {
            nudges = seed(storage, platform, pairings, fakes.teamsServiceUrl(), clock);
        }
        int pace = slack ? BenchSlackSenders.defaultPostsPerMinute() : BenchTeamsSenders.defaultTenantPerSecond();
        if (pacing.equals("split") && instances > 1) {
            pace = pace / instances;
        }
        double limit = slack ? LimitedPlatforms.SLACK_WORKSPACE_PER_MINUTE / 60.0 : LimitedPlatforms.TEAMS_TENANT_PER_SECOND;
        LimitedPlatforms.Counts seen = slack ? fakes.slack : fakes.teams;

        AtomicLong delivered = new AtomicLong();
        AtomicLong lastDelivered = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<MongoStorage> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Future<Dispatcher.Report>> runs = new ArrayList<>();
        long start = System.nanoTime();
        // with shared pacing each instance beats in the store, as the app does every 10 s, and all have beaten
        // before the first send (as a new instance's first beat comes before it sends)
        List<InstanceShare> shares = new ArrayList<>();
        List<MongoStorage> owns = new ArrayList<>();
        for (int k = 0; k < instances; k++) {
            MongoStorage own = MongoStorage.connect(server.connectionString(), db);
            owns.add(own);
            if (pacing.equals("shared")) {
                InstanceShare share = new InstanceShare(own.instances(), clock, "limits-" + k);
                share.beat();
                shares.add(share);
            }
        }
        shares.forEach(InstanceShare::beat);
        java.util.concurrent.ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
        heartbeat.scheduleWithFixedDelay(() -> shares.forEach(InstanceShare::beat), InstanceShare.EVERY.toMillis(),
                InstanceShare.EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        for (int k = 0; k < instances; k++) {
            MongoStorage own = owns.get(k);
            connections.add(own);
            InstanceShare share = shares.isEmpty() ? null : shares.get(k);
            Sender real = slack ? BenchSlackSenders.create(fakes.slackApiUrl(), own.conversationRefs(), clock, pace, share)
                    : BenchTeamsSenders.create(own.conversationRefs(), clock, pace, share);
            Sender counted = counting(real, delivered, lastDelivered);
            Dispatcher d = new Dispatcher(new NudgeStore(own.database()), own.people(), own.preferences(),
                    SchoolCalendars.englandDefault(), new NudgeComposer(own.people(), content, own.actions(), NudgeInputs.NONE),
                    List.of(counted), clock, new Dispatcher.Settings("limits-" + k, Duration.ofMinutes(5), Duration.ofHours(1),
                            200, 20, concurrency));
            runs.add(pool.submit(() -> keepDispatching(d, stop)));
        }
        NudgeStore store = new NudgeStore(connections.get(0).database());
        long deadline = start + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && !allFinal(store)) {
            Thread.sleep(250);
        }
        stop.set(true);
        heartbeat.shutdownNow();
        int retried = 0;
        for (Future<Dispatcher.Report> f : runs) {
            retried += f.get().retried();
        }
        pool.shutdown();
        Map<NudgeStore.Status, Integer> statuses = new EnumMap<>(NudgeStore.Status.class);
        store.all().forEach(n -> statuses.merge(n.status(), 1, Integer::sum));
        connections.forEach(MongoStorage::close);

        if (!print) {
            return;
        }
        double seconds = (lastDelivered.get() - start) / 1e9;
        long posts = seen.posts.get();
        double rate = posts / seconds;
        int notSent = nudges - statuses.getOrDefault(NudgeStore.Status.SENT, 0);
        int each = pacing.equals("shared") ? pace / instances : pace;
        String paceText = (slack ? each + "/min" : each + "/s") + (pacing.equals("shared") && instances > 1 ? " (shared)" : "");
        System.out.printf("| %s | %d | %s | %,d | %,d | %.1f | %.2f | %.2f | %.1f%% | %,d | %d | %d | %d |%n",
                slack ? "Slack (chat.postMessage, workspace)" : "Teams (per tenant)", instances, paceText, delivered.get(), posts,
                seconds, rate, limit, 100 * rate / limit, seen.refused.get(), seen.twice.get(), retried, notSent);
        System.out.printf("  first post %.1f s after the start; steady rate (10th to 90th percentile post) %.2f/s = %.1f%% of the limit%n",
                (seen.firstPost - start) / 1e9, seen.steadyRate(), 100 * seen.steadyRate() / limit);
        if (!seen.refusedBy.isEmpty()) {
            System.out.println("  429s by window: " + new java.util.TreeMap<>(seen.refusedBy));
        }
        if (notSent > 0) {
            System.out.println("  not sent by the end: " + statuses);
        }
        if (slack) {
            System.out.printf("  conversations.open calls: %d (people with no remembered DM channel)%n", seen.opens.get());
        }
    }

    /** Drains, and looks again every 100 ms for retries that came due (the app looks every 30 s). */
    private static Dispatcher.Report keepDispatching(Dispatcher d, AtomicBoolean stop) throws InterruptedException {
        int retried = 0;
        while (!stop.get()) {
            Dispatcher.Report r = d.drain();
            retried += r.retried();
            if (r.claimed() == 0) {
                Thread.sleep(100);
            }
        }
        return new Dispatcher.Report(0, 0, 0, 0, 0, retried, 0, 0);
    }

    private static boolean allFinal(NudgeStore store) {
        for (NudgeStore.Nudge n : store.all()) {
            if (n.status() == NudgeStore.Status.PLANNED || n.status() == NudgeStore.Status.WAITING
                    || n.status() == NudgeStore.Status.CLAIMED) {
                return false;
            }
        }
        return true;
    }

    private static Sender counting(Sender real, AtomicLong delivered, AtomicLong last) {
        return new Sender() {
            @Override
            public String platform() {
                return real.platform();
            }

            @Override
            public DeliveryResult send(UserRef to, List<Message> messages) {
                DeliveryResult r = real.send(to, messages);
                if (r.outcome() == DeliveryResult.Outcome.DELIVERED) {
                    delivered.incrementAndGet();
                    last.accumulateAndGet(System.nanoTime(), Math::max);
                }
                return r;
            }
        };
    }

    /**
     * Pairing i: ECT e{i}; its mentor is m{i}, except that in every 20 pairings the first 4 share mentor
     * s{i/20}. Each person has one identity on the platform; on Slack, all but one person in 50 has a
     * remembered DM channel (as their own messages leave), the rest need conversations.open; on Teams each
     * has a stored conversation reference. Returns how many nudges were planned.
     */
    private static int seed(MongoStorage storage, String platform, int pairings, String serviceUrl, Clock clock) {
        var db = storage.database();
        db.getCollection("schools").insertOne(new Document("_id", "s0").append("name", "Bench School").append("zone", LONDON.getId()));
        List<Document> persons = new ArrayList<>();
        List<Document> identities = new ArrayList<>();
        List<Document> pairs = new ArrayList<>();
        List<PlannedNudge> due = new ArrayList<>();
        java.util.Set<String> people = new java.util.LinkedHashSet<>();
        LocalDateTime local = LocalDateTime.ofInstant(TERM_TIME.minusSeconds(60), LONDON);
        for (int i = 0; i < pairings; i++) {
            String ect = "e" + i;
            String mentor = i % 20 < 4 ? "s" + (i / 20) : "m" + i;
            if (people.add(mentor)) {
                persons.add(new Document("_id", mentor).append("schoolId", "s0").append("name", "Mentor " + mentor).append("role", "MENTOR"));
            }
            people.add(ect);
            persons.add(new Document("_id", ect).append("schoolId", "s0").append("name", "Ect " + i).append("role", "ECT")
                    .append("inductionYear", 1));
            String id = "p" + i;
            pairs.add(new Document("_id", id).append("schoolId", "s0").append("mentorId", mentor).append("ectId", ect)
                    .append("module", 1 + i % 8).append("week", 1 + i % 6).append("meetingDay", "MONDAY").append("meetingTime", "12:00"));
            due.add(new PlannedNudge(id + ":meeting-start:" + mentor, id, mentor, NudgeKind.ofCode("meeting-start"), null,
                    1 + i % 8, 1 + i % 6, local, LONDON, TERM_TIME.minusSeconds(60)));
            due.add(new PlannedNudge(id + ":ect-reflect:" + ect, id, ect, NudgeKind.ofCode("ect-reflect"), null,
                    1 + i % 8, 1 + i % 6, local, LONDON, TERM_TIME.minusSeconds(60)));
        }
        int n = 0;
        for (String person : people) {
            boolean slack = platform.equals("slack");
            UserRef ref = new UserRef(slack ? "slack" : "teams", slack ? TEAM : TENANT, slack ? "U" + person : "29:" + person);
            identities.add(new Document("_id", ref.key()).append("platform", ref.platform()).append("tenant", ref.tenant())
                    .append("userId", ref.userId()).append("personId", person));
            if (!slack) {
                String reference = "{\"user\":{\"id\":\"" + ref.userId() + "\"},\"bot\":{\"id\":\"28:bench-bot\",\"name\":\"ECT Mentor\"},"
                        + "\"conversation\":{\"id\":\"a:conv-" + person + "\",\"conversationType\":\"personal\",\"tenantId\":\"" + TENANT + "\"},"
                        + "\"channelId\":\"msteams\",\"serviceUrl\":\"" + serviceUrl + "\"}";
                storage.conversationRefs().save(ref, reference, clock.instant());
            } else if (n++ % 50 != 0) {
                storage.conversationRefs().save(ref, "D" + ref.userId(), clock.instant());
            }
        }
        db.getCollection("persons").insertMany(persons);
        db.getCollection("identities").insertMany(identities);
        db.getCollection("pairings").insertMany(pairs);
        new NudgeStore(db).savePlan(due, clock.instant());
        return due.size();
    }
}
