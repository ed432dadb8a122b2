package uk.ectmentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import uk.ectmentor.adapters.slack.Pacer;
import uk.ectmentor.adapters.teams.Sleeper;
import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.delivery.Sender;
import uk.ectmentor.core.nudges.NudgeInputs;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;
import uk.ectmentor.core.storage.MongoStorage;
import uk.ectmentor.core.testing.MutableClock;
import uk.ectmentor.scheduler.Dispatcher;
import uk.ectmentor.scheduler.NudgeComposer;
import uk.ectmentor.scheduler.NudgeStore;
import uk.ectmentor.scheduler.SchedulePlanning;
import uk.ectmentor.scheduler.SchedulerProperties;

/**
 * Issue 9's fault scenario: Slack and Teams answer 429 with Retry-After, and 503, for a while during a nudge
 * run. The whole application on the in-memory store, with its real Slack and Teams senders reaching a fake
 * Slack Web API and a fake Bot Framework connector on loopback ({@link OutagePlatform}); a school of 40
 * pairings (40 people on Slack, 40 on Teams) planned by the real planner; two dispatchers racing, driven by
 * moving a test clock 5 s at a time. The senders' short waits (Slack's pacer, Teams' sleeper) move the same
 * clock instead of sleeping.
 */
@SpringBootTest(properties = {
        "bot.scheduler.enabled=false",
        "bot.scheduler.instance-id=instance-a",
        "bot.scheduler.misfire-max-age=PT10M",
        "bot.scheduler.study-time=16:00:30",
        "bot.demo=false",
        "bot.slack.bot-token=xoxb-outage-test",
        "bot.slack.signing-secret=outage-test-signing-secret",
        "bot.slack.recovery-interval=PT24H"})
@ActiveProfiles("test")
class PlatformOutageNudgeRunTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String SCHOOL = "outage-school";
    private static final String TENANT = "tenant-outage";
    private static final int PAIRINGS = 40;
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final Duration MISFIRE = Duration.ofMinutes(10);

    /** Monday 30 November 2026, noon: each test runs on the next Tuesday afternoon from wherever the clock is. */
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    static final OutagePlatform PLATFORM = new OutagePlatform(CLOCK);
    static final AtomicLong WAITS = new AtomicLong();
    static final AtomicLong WAITED_MILLIS = new AtomicLong();

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("bot.slack.api-url", PLATFORM::slackApiUrl);
    }

    /** A sender's short wait: the test clock moves on by it (under one lock, so two waits never lose time). */
    static void waitOnClock(Duration d) {
        synchronized (CLOCK) {
            CLOCK.advance(d);
        }
        WAITS.incrementAndGet();
        WAITED_MILLIS.addAndGet(d.toMillis());
    }

    @TestConfiguration
    static class TestParts {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }

        @Bean
        Pacer slackPacer() {
            return PlatformOutageNudgeRunTest::waitOnClock;
        }

        @Bean
        Sleeper teamsSleeper() {
            return PlatformOutageNudgeRunTest::waitOnClock;
        }
    }

    @AfterAll
    static void stopPlatform() {
        PLATFORM.close();
    }

    @Autowired
    MongoStorage storage;
    @Autowired
    NudgeStore nudges;
    @Autowired
    SchedulePlanning planning;
    @Autowired
    Dispatcher dispatcherA;
    @Autowired
    SchedulerProperties props;
    @Autowired
    List<Sender> senders;
    @Autowired
    ContentPack content;
    @Autowired
    SchoolCalendars calendars;
    @Autowired
    ObjectProvider<NudgeInputs> inputs;

    /** person id -> "platform/recipient", the recipient as the fake sees it (Slack user id, Teams conversation id) */
    private final Map<String, String> recipientOf = new HashMap<>();
    private Instant runStart;

    @BeforeEach
    void schoolOnSlackAndTeams() {
        WAITS.set(0);
        WAITED_MILLIS.set(0);
        for (String c : List.of("nudges", "nudgeDeliveries", "nudgeLeases", "nudgePlans", "undeliverableIdentities")) {
            storage.database().getCollection(c).deleteMany(new Document());
        }
        // the next Tuesday, 15:59 in London (UTC in winter), always ahead of the clock
        Instant now = CLOCK.instant();
        runStart = now.atZone(LONDON).toLocalDate().plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY))
                .atTime(15, 59).atZone(LONDON).toInstant();
        CLOCK.set(runStart);
        var people = storage.people();
        people.saveSchool(new School(SCHOOL, "Outage School", LONDON));
        for (int i = 0; i < PAIRINGS; i++) {
            String mentor = "om" + i;
            String ect = "oe" + i;
            people.savePerson(new Person(mentor, SCHOOL, "Mentor " + i, Role.MENTOR, "Secondary", "Maths"));
            people.savePerson(new Person(ect, SCHOOL, "Ect " + i, Role.ECT, "Secondary", "Maths", 1));
            for (String person : List.of(mentor, ect)) {
                if (i < PAIRINGS / 2) {
                    String slackUser = "U" + person.toUpperCase();
                    people.linkIdentity(new UserRef("slack", "T1", slackUser), person);
                    recipientOf.put(person, OutagePlatform.SLACK + "/" + slackUser);
                } else {
                    UserRef teams = new UserRef("teams", TENANT, "aad-" + person);
                    people.linkIdentity(teams, person);
                    storage.conversationRefs().save(teams, reference(person), CLOCK.instant());
                    recipientOf.put(person, OutagePlatform.TEAMS + "/conv-" + person);
                }
            }
            people.savePairing(new Pairing("op" + i, SCHOOL, mentor, ect, 4, 3, meetingDay(i % 20), meetingTime(i % 20)));
        }
        planning.planAll(CLOCK.instant(), Duration.ofHours(3));
    }

    /**
     * Per platform, of 20 pairings: 8 meet on Wednesday (mentor and ECT nudged the day before at 16:00), 5 on
     * Monday (the ECT's self-study nudge, Tuesday 16:00:30), 7 on Tuesday at 16:00, 16:04 or 16:06 (the mentor's
     * meeting-start nudge). So 56 nudges fall due at four times, each person getting at most one.
     */
    private static DayOfWeek meetingDay(int k) {
        return k < 8 ? DayOfWeek.WEDNESDAY : k < 13 ? DayOfWeek.MONDAY : DayOfWeek.TUESDAY;
    }

    private static LocalTime meetingTime(int k) {
        if (k < 13) {
            return LocalTime.of(15, 30);
        }
        return k < 15 ? LocalTime.of(16, 0) : k < 17 ? LocalTime.of(16, 4) : LocalTime.of(16, 6);
    }

    private static String reference(String person) {
        return "{\"user\":{\"id\":\"29:" + person + "\",\"aadObjectId\":\"aad-" + person + "\"},\"bot\":{\"id\":\"28:bot\",\"name\":\"Mentor Bot\"},"
                + "\"conversation\":{\"id\":\"conv-" + person + "\",\"conversationType\":\"personal\",\"tenantId\":\"" + TENANT + "\"},"
                + "\"channelId\":\"msteams\",\"serviceUrl\":\"" + PLATFORM.url() + "\"}";
    }

    private Dispatcher dispatcherB() {
        Dispatcher.Settings a = props.dispatcherSettings();
        NudgeComposer composer = new NudgeComposer(storage.people(), content, storage.actions(), inputs.getIfAvailable(() -> NudgeInputs.NONE));
        return new Dispatcher(nudges, storage.people(), storage.preferences(), calendars, composer, senders, CLOCK,
                new Dispatcher.Settings("instance-b", a.lease(), a.misfireMaxAge(), a.batchSize(), a.maxAttempts()));
    }

    /** Both dispatchers drain at once; then the clock moves on a step; until the clock reaches {@code until}. */
    private void runUntil(Instant until) throws Exception {
        List<Dispatcher> instances = List.of(dispatcherA, dispatcherB());
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        try {
            while (CLOCK.instant().isBefore(until)) {
                List<Future<Dispatcher.Report>> runs = new ArrayList<>();
                for (Dispatcher d : instances) {
                    runs.add(pool.submit(d::drain));
                }
                for (Future<Dispatcher.Report> r : runs) {
                    r.get(120, TimeUnit.SECONDS);
                }
                synchronized (CLOCK) {
                    CLOCK.advance(STEP);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<NudgeStore.Nudge> dueBetween(Instant from, Instant to) {
        return nudges.all().stream().filter(n -> !n.plannedDue().isBefore(from) && n.plannedDue().isBefore(to)).toList();
    }

    private String recipient(OutagePlatform.Call c) {
        return c.platform() + "/" + c.recipient();
    }

    private Map<String, List<OutagePlatform.Call>> acceptedPostsByRecipient() {
        return PLATFORM.calls().stream().filter(c -> c.isPost() && c.accepted()).collect(Collectors.groupingBy(this::recipient));
    }

    private List<Document> deliveryRecords(String nudgeId) {
        return storage.database().getCollection("nudgeDeliveries").find(new Document("nudgeId", nudgeId)).into(new ArrayList<>());
    }

    /** Every call made while a Retry-After given to the same person was still running. */
    private List<String> callsInsideARetryAfter() {
        List<OutagePlatform.Call> calls = PLATFORM.calls(); // in the order the fake answered them
        List<String> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            OutagePlatform.Call given = calls.get(i);
            if (given.retryAfter() == null) {
                continue;
            }
            Instant end = given.at().plus(given.retryAfter());
            for (OutagePlatform.Call later : calls.subList(i + 1, calls.size())) {
                if (recipient(later).equals(recipient(given)) && later.at().isBefore(end)) {
                    out.add(recipient(later) + " " + later.method() + " at " + later.at() + ", Retry-After until " + end);
                }
            }
        }
        return out;
    }

    private static void summary(String run, List<OutagePlatform.Call> calls) {
        System.out.printf("%s: %d calls to people; Slack 429: %d, 503: %d; Teams 429: %d, 503: %d; "
                        + "senders' waits: %d, %d s of clock in all%n", run, calls.size(), count(calls, OutagePlatform.SLACK, 429),
                count(calls, OutagePlatform.SLACK, 503), count(calls, OutagePlatform.TEAMS, 429), count(calls, OutagePlatform.TEAMS, 503),
                WAITS.get(), WAITED_MILLIS.get() / 1000);
    }

    private static long count(List<OutagePlatform.Call> calls, String platform, int status) {
        return calls.stream().filter(c -> c.platform().equals(platform) && c.status() == status).count();
    }

    @Test
    void aMinuteOf429And503DuringANudgeRunDeliversEveryNudgeOnceAndNoneEarly() throws Exception {
        Instant outageFrom = runStart.plus(Duration.ofMinutes(1));       // 16:00, when the first nudges fall due
        Instant outageUntil = outageFrom.plus(Duration.ofMinutes(1));    // 16:01
        Instant runEnd = runStart.plus(Duration.ofMinutes(10));          // 16:09
        PLATFORM.refuse(outageFrom, outageUntil);
        List<NudgeStore.Nudge> inRun = dueBetween(runStart, runEnd);
        assertThat(inRun).hasSize(56);
        assertThat(inRun.stream().map(NudgeStore.Nudge::personId).distinct()).hasSize(56);
        assertThat(inRun.stream().map(NudgeStore.Nudge::plannedDue).distinct()).hasSize(4);
        List<NudgeStore.Nudge> later = dueBetween(runEnd, runEnd.plus(Duration.ofDays(1)));

        runUntil(runEnd);

        List<OutagePlatform.Call> calls = PLATFORM.calls();
        summary("one-minute outage", calls);
        // the platform really was refusing, on both platforms, with both answers
        for (String platform : List.of(OutagePlatform.SLACK, OutagePlatform.TEAMS)) {
            assertThat(count(calls, platform, 429)).as(platform + " 429s").isPositive();
            assertThat(count(calls, platform, 503)).as(platform + " 503s").isPositive();
        }
        Map<String, List<OutagePlatform.Call>> accepted = acceptedPostsByRecipient();
        List<NudgeStore.Nudge> after = inRun.stream().map(n -> nudges.nudge(n.id()).orElseThrow()).toList();
        System.out.println("one-minute outage, nudges by outcome and attempts: " + after.stream()
                .collect(Collectors.groupingBy(n -> n.status() + " after " + n.attempts(), java.util.TreeMap::new, Collectors.counting())));
        assertThat(after).as("nudges the outage made wait").anyMatch(n -> n.attempts() > 1);
        for (NudgeStore.Nudge n : inRun) {
            String to = recipientOf.get(n.personId());
            NudgeStore.Nudge now = nudges.nudge(n.id()).orElseThrow();
            assertThat(now.status()).as(n.id() + ": " + now.detail()).isEqualTo(NudgeStore.Status.SENT);
            assertThat(accepted.getOrDefault(to, List.of())).as("posts accepted for " + n.id()).hasSize(1);
            assertThat(accepted.get(to).get(0).at()).as(n.id() + " accepted no earlier than due").isAfterOrEqualTo(n.plannedDue());
            List<Document> records = deliveryRecords(n.id());
            assertThat(records).as("delivery records of " + n.id())
                    .filteredOn(d -> "DELIVERED".equals(d.getString("state"))).hasSize(1);
            assertThat(records).extracting(d -> d.getString("state")).as(n.id()).isSubsetOf("DELIVERED", "RETRY");
        }
        assertThat(accepted.values().stream().mapToInt(List::size).sum()).as("posts accepted in all").isEqualTo(inRun.size());
        assertThat(callsInsideARetryAfter()).as("calls while a Retry-After was running").isEmpty();
        // nothing due after the run went early
        assertThat(later).isNotEmpty();
        assertThat(later).allSatisfy(n -> assertThat(nudges.nudge(n.id()).orElseThrow().status()).isEqualTo(NudgeStore.Status.PLANNED));
    }

    @Test
    void anOutageLongerThanTheMisfireAgeDropsAndLogsTheNudgesItOutlastedAndSendsNoneLate() throws Exception {
        Instant outageFrom = runStart.plus(Duration.ofMinutes(1));       // 16:00
        // 16:12: 90 s and more past the 10-minute misfire age of the nudges due at 16:00 and 16:00:30 (a send begun
        // on time can take a while: Teams' own retries), 2 minutes and more before that of 16:04 and 16:06
        Instant outageUntil = outageFrom.plus(Duration.ofMinutes(12));
        Instant runEnd = runStart.plus(Duration.ofMinutes(20));
        PLATFORM.refuse(outageFrom, outageUntil);
        List<NudgeStore.Nudge> inRun = dueBetween(runStart, runEnd);
        assertThat(inRun).hasSize(56);
        Logger dispatcherLog = (Logger) LoggerFactory.getLogger(Dispatcher.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        dispatcherLog.addAppender(logged);
        try {
            runUntil(runEnd);
        } finally {
            dispatcherLog.detachAppender(logged);
        }

        summary("outage past the misfire age", PLATFORM.calls());
        Map<String, List<OutagePlatform.Call>> accepted = acceptedPostsByRecipient();
        int dropped = 0;
        for (NudgeStore.Nudge n : inRun) {
            String to = recipientOf.get(n.personId());
            NudgeStore.Nudge now = nudges.nudge(n.id()).orElseThrow();
            List<OutagePlatform.Call> posts = accepted.getOrDefault(to, List.of());
            if (n.plannedDue().plus(MISFIRE).isBefore(outageUntil)) {
                dropped++;
                assertThat(now.status()).as(n.id() + ": " + now.detail()).isEqualTo(NudgeStore.Status.DROPPED);
                assertThat(posts).as("posts accepted for the dropped " + n.id()).isEmpty();
                assertThat(logged.list).as("a log line for " + n.id())
                        .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("dropped nudge " + n.id()));
            } else {
                assertThat(now.status()).as(n.id() + ": " + now.detail()).isEqualTo(NudgeStore.Status.SENT);
                assertThat(posts).as("posts accepted for " + n.id()).hasSize(1);
                assertThat(posts.get(0).at()).as(n.id() + " neither early nor later than the misfire age")
                        .isAfterOrEqualTo(n.plannedDue()).isBeforeOrEqualTo(n.plannedDue().plus(MISFIRE));
                assertThat(deliveryRecords(n.id())).filteredOn(d -> "DELIVERED".equals(d.getString("state"))).hasSize(1);
            }
        }
        System.out.printf("outage past the misfire age: %d of %d nudges dropped, %d sent%n", dropped, inRun.size(), inRun.size() - dropped);
        assertThat(dropped).isEqualTo(46);
        assertThat(callsInsideARetryAfter()).as("calls while a Retry-After was running").isEmpty();
    }
}
