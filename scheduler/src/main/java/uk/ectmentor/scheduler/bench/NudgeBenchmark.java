package uk.ectmentor.scheduler.bench;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;

import uk.ectmentor.core.calendar.CalendarLoader;
import uk.ectmentor.core.calendar.SchoolCalendar;
import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.Sender;
import uk.ectmentor.core.nudges.NudgeInputs;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;
import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;
import uk.ectmentor.scheduler.Dispatcher;
import uk.ectmentor.scheduler.NudgeComposer;
import uk.ectmentor.scheduler.NudgePlanner;
import uk.ectmentor.scheduler.NudgeStore;
import uk.ectmentor.scheduler.PlannedNudge;
import uk.ectmentor.scheduler.ProgrammeWeeks;
import uk.ectmentor.scheduler.SchedulePlanning;

/**
 * Scheduler figures (not a test): planning a week for many pairings, in memory and into the store, and
 * dispatch throughput against a platform with no limit. Arguments: {@code [pairings] [dispatchPairings]}
 * (defaults 100000 and 5000). Uses MONGODB_URI when set, else the embedded in-memory store.
 */
public final class NudgeBenchmark {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Monday 30 November 2026, 00:00 UTC: a full teaching week ahead. */
    private static final Instant MONDAY = Instant.parse("2026-11-30T00:00:00Z");

    private NudgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        quietLogs();
        int pairings = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dispatchPairings = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        String uri = System.getenv("MONGODB_URI");
        EmbeddedMongo server = uri == null || uri.isBlank() ? EmbeddedMongo.inMemory() : null;
        String connection = server == null ? uri : server.connectionString();
        System.out.printf("store: %s; cores: %d; JVM max heap: %d MB%n", server == null ? "MongoDB at MONGODB_URI" : "embedded (mongo-java-server, in memory)",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        ContentPack content = ContentLoader.load(null);
        NudgePlanner planner = new NudgePlanner(content, NudgeInputs.NONE, NudgePlanner.Times.defaults());

        planInMemory(planner, pairings);
        try (MongoStorage storage = MongoStorage.connect(connection, "bench_plan_" + System.nanoTime())) {
            planIntoStore(storage, planner, pairings);
            storage.database().drop();
        }
        try (MongoStorage storage = MongoStorage.connect(connection, "bench_dispatch_" + System.nanoTime())) {
            dispatch(connection, storage, content, dispatchPairings, 1);
            storage.database().drop();
        }
        try (MongoStorage storage = MongoStorage.connect(connection, "bench_dispatch2_" + System.nanoTime())) {
            dispatch(connection, storage, content, dispatchPairings, 2);
            storage.database().drop();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Pairing pairing(int i) {
        DayOfWeek day = DayOfWeek.of(1 + i % 5);
        LocalTime time = LocalTime.of(13 + i % 4, (i % 4) * 15);
        return new Pairing("p" + i, "s" + (i % 100), "m" + i, "e" + i, 1 + i % 8, 1 + i % 6, day, time);
    }

    private static void planInMemory(NudgePlanner planner, int pairings) {
        SchoolCalendar england = CalendarLoader.englandDefault();
        LocalDate monday = LocalDate.of(2026, 11, 30);
        Person ect = new Person("e", "s", "E", Role.ECT, "Primary", null, 1);
        long nudges = 0;
        for (int round = 0; round < 2; round++) { // the first round warms the JIT
            nudges = 0;
            long start = System.nanoTime();
            for (int i = 0; i < pairings; i++) {
                Pairing p = pairing(i);
                List<PlannedNudge> plan = planner.plan(new NudgePlanner.Inputs(p, LONDON, england, ect, List.of(),
                        new ProgrammeWeeks.Position(p.module(), p.week(), monday)), monday, monday.plusDays(6));
                nudges += plan.size();
            }
            double secs = (System.nanoTime() - start) / 1e9;
            if (round == 1) {
                System.out.printf("plan a week in memory: %,d pairings -> %,d nudges in %.2f s (%,.0f pairings/s)%n",
                        pairings, nudges, secs, pairings / secs);
            }
        }
    }

    private static void seed(MongoStorage storage, int pairings) {
        var db = storage.database();
        List<Document> schools = new ArrayList<>();
        for (int s = 0; s < 100; s++) {
            schools.add(new Document("_id", "s" + s).append("name", "School " + s).append("zone", LONDON.getId()));
        }
        db.getCollection("schools").insertMany(schools);
        int batch = 5_000;
        for (int from = 0; from < pairings; from += batch) {
            List<Document> persons = new ArrayList<>();
            List<Document> identities = new ArrayList<>();
            List<Document> pairs = new ArrayList<>();
            for (int i = from; i < Math.min(pairings, from + batch); i++) {
                Pairing p = pairing(i);
                persons.add(new Document("_id", p.mentorId()).append("schoolId", p.schoolId()).append("name", "Mentor " + i).append("role", "MENTOR"));
                persons.add(new Document("_id", p.ectId()).append("schoolId", p.schoolId()).append("name", "Ect " + i).append("role", "ECT").append("inductionYear", 1));
                for (String person : List.of(p.mentorId(), p.ectId())) {
                    UserRef ref = UserRef.web(person);
                    identities.add(new Document("_id", ref.key()).append("platform", "web").append("tenant", "local")
                            .append("userId", person).append("personId", person));
                }
                pairs.add(new Document("_id", p.id()).append("schoolId", p.schoolId()).append("mentorId", p.mentorId())
                        .append("ectId", p.ectId()).append("module", p.module()).append("week", p.week())
                        .append("meetingDay", p.meetingDay().name()).append("meetingTime", p.meetingTime().toString()));
            }
            db.getCollection("persons").insertMany(persons);
            db.getCollection("identities").insertMany(identities);
            db.getCollection("pairings").insertMany(pairs);
        }
    }

    private static void planIntoStore(MongoStorage storage, NudgePlanner planner, int pairings) {
        long t0 = System.nanoTime();
        seed(storage, pairings);
        System.out.printf("seed store: %,d pairings, %,d people in %.1f s%n", pairings, 2 * pairings, (System.nanoTime() - t0) / 1e9);
        NudgeStore store = new NudgeStore(storage.database());
        SchedulePlanning planning = new SchedulePlanning(storage.people(), storage.actions(), SchoolCalendars.englandDefault(),
                planner, store);
        long start = System.nanoTime();
        SchedulePlanning.Result r = planning.planAll(MONDAY, Duration.ofDays(7));
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("plan a week into the store: %,d pairings -> %,d nudge documents in %.1f s (%,.0f pairings/s)%n",
                r.pairings(), r.nudges(), secs, r.pairings() / secs);
    }

    private static void dispatch(String connection, MongoStorage storage, ContentPack content, int pairings, int instances) throws Exception {
        seed(storage, pairings);
        NudgeStore store = new NudgeStore(storage.database());
        List<PlannedNudge> due = new ArrayList<>();
        for (int i = 0; i < pairings; i++) {
            Pairing p = pairing(i);
            // two nudges a pairing, all due at once: the worst case after the hour's planning
            due.add(planned(p, p.mentorId(), "meeting-start"));
            due.add(planned(p, p.ectId(), "ect-reflect"));
        }
        store.savePlan(due, MONDAY);
        AtomicLong delivered = new AtomicLong();
        // every person gets exactly one nudge here, so a second send to anyone is a double send
        java.util.concurrent.ConcurrentHashMap<String, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicLong twice = new AtomicLong();
        Sender unlimited = new Sender() {
            @Override
            public String platform() {
                return "web";
            }

            @Override
            public DeliveryResult send(UserRef to, List<Message> messages) {
                delivered.incrementAndGet();
                if (seen.merge(to.userId(), 1, Integer::sum) > 1) {
                    twice.incrementAndGet();
                }
                return DeliveryResult.delivered();
            }
        };
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Future<Dispatcher.Report>> runs = new ArrayList<>();
        List<MongoStorage> connections = new ArrayList<>();
        long start = System.nanoTime();
        for (int k = 0; k < instances; k++) {
            MongoStorage own = MongoStorage.connect(connection, storage.database().getName());
            connections.add(own);
            Dispatcher d = new Dispatcher(new NudgeStore(own.database()), own.people(), own.preferences(),
                    SchoolCalendars.englandDefault(), new NudgeComposer(own.people(), content, own.actions(), NudgeInputs.NONE),
                    List.of(unlimited), clock, new Dispatcher.Settings("bench-" + k, Duration.ofMinutes(5), Duration.ofHours(24), 200, 3));
            runs.add(pool.submit(d::drain));
        }
        int sent = 0;
        for (Future<Dispatcher.Report> f : runs) {
            sent += f.get().sent();
        }
        pool.shutdown();
        double secs = (System.nanoTime() - start) / 1e9;
        connections.forEach(MongoStorage::close);
        System.out.printf("dispatch, %d instance(s), platform with no limit: %,d nudges (%,d people) sent in %.1f s = %,.0f nudges/s (platform saw %,d, sent twice: %d)%n",
                instances, sent, 2 * pairings, secs, sent / secs, delivered.get(), twice.get());
    }

    private static PlannedNudge planned(Pairing p, String person, String kind) {
        return new PlannedNudge(p.id() + ":" + kind + ":" + person, p.id(), person, uk.ectmentor.scheduler.NudgeKind.ofCode(kind),
                null, p.module(), p.week(), java.time.LocalDateTime.of(2026, 11, 30, 11, 30), LONDON,
                Instant.parse("2026-11-30T11:30:00Z"));
    }

    private static void quietLogs() {
        try {
            Object factory = org.slf4j.LoggerFactory.getILoggerFactory();
            Object root = factory.getClass().getMethod("getLogger", String.class).invoke(factory, "ROOT");
            Class<?> level = Class.forName("ch.qos.logback.classic.Level");
            root.getClass().getMethod("setLevel", level).invoke(root, level.getField("ERROR").get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not on logback: leave logging as it is
        }
    }
}
