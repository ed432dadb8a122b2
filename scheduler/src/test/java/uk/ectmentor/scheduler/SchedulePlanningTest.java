package uk.ectmentor.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.Sender;
import uk.ectmentor.core.demo.DemoData;

/** The demo pairing from plan to inbox, the week counter moving on, the preview and the iCalendar feed. */
class SchedulePlanningTest {
    /** Monday 30 November 2026, 00:00 UTC. */
    private static final Instant MONDAY = Instant.parse("2026-11-30T00:00:00Z");
    private final Fixture f = new Fixture(MONDAY);

    @AfterEach
    void close() {
        f.close();
    }

    /** The web chat's sender, as the web adapter provides it: into the inbox. */
    private Sender webInbox() {
        return new Sender() {
            @Override
            public String platform() {
                return "web";
            }

            @Override
            public DeliveryResult send(UserRef to, List<Message> messages) {
                f.storage.webInbox().put(to.userId(), java.util.UUID.randomUUID().toString(), messages, f.clock.instant());
                return DeliveryResult.delivered();
            }
        };
    }

    @Test
    void theDemoPairingsWeekIsPlannedSentToTheInboxWithCurrentDataAndMovesOnAWeekLater() {
        DemoData.install(f.storage.people(), f.storage.actions(), f.clock);
        SchedulePlanning.Result result = f.planning.planAll(f.clock.instant(), Duration.ofDays(8));
        assertThat(result.pairings()).isEqualTo(1);
        assertThat(f.store.all()).extracting(NudgeStore.Nudge::kind).contains(NudgeKind.MENTOR_PREP, NudgeKind.ECT_REVIEW,
                NudgeKind.RE_AUDIT, NudgeKind.MEETING_START, NudgeKind.ECT_REFLECT, NudgeKind.SELF_STUDY);
        // planning again changes nothing
        int before = f.store.all().size();
        f.planning.planAll(f.clock.instant(), Duration.ofDays(8));
        assertThat(f.store.all()).hasSize(before);

        Dispatcher d = f.dispatcher("a", webInbox());
        f.clock.set(Instant.parse("2026-12-02T16:00:00Z"));
        assertThat(d.drain().sent()).isEqualTo(3);
        List<Message> alex = f.storage.webInbox().take("alex");
        assertThat(alex).hasSize(1);
        String prep = alex.get(0).plainText();
        assertThat(prep).contains("# Tomorrow with Sam: Module 4 week 6").contains("Review: ").contains("min in all")
                .contains("Give Year 9 whole-class feedback").contains("[Open session prompts]").contains("snooze a week");
        assertThat(f.storage.webInbox().take("alex")).isEmpty();
        String sam = String.join("\n", f.storage.webInbox().take("sam").stream().map(Message::plainText).toList());
        assertThat(sam).contains("1. What did you actually do").contains("Last week of Module 4").contains("[Start the audit]");

        f.clock.set(Instant.parse("2026-12-03T15:30:00Z"));
        d.drain();
        assertThat(f.storage.webInbox().take("alex").get(0).plainText()).contains("Meeting time with Sam").contains("[Start the meeting co-pilot]");

        // the next Monday: the pairing is on to Module 5 week 1 (Module 4 has six weeks)
        f.clock.set(Instant.parse("2026-12-07T00:00:00Z"));
        SchedulePlanning.Result next = f.planning.planAll(f.clock.instant(), Duration.ofDays(8));
        assertThat(next.advanced()).isEqualTo(1);
        assertThat(f.storage.people().pairing("demo").orElseThrow()).extracting(p -> p.module(), p -> p.week()).containsExactly(5, 1);
        assertThat(f.store.all()).anyMatch(n -> n.kind() == NudgeKind.AUDIT && n.module() == 5);
    }

    @Test
    void aPlanningRunLeavesNudgesAlreadyDueForTheDispatcher() {
        DemoData.install(f.storage.people(), f.storage.actions(), f.clock);
        f.planning.planAll(f.clock.instant(), Duration.ofDays(8));
        // the dispatcher was down at 16:00 on Wednesday; planning runs at 16:05, the dispatcher at 16:06
        f.clock.set(Instant.parse("2026-12-02T16:05:00Z"));
        f.planning.planAll(f.clock.instant(), Duration.ofDays(8));
        f.clock.set(Instant.parse("2026-12-02T16:06:00Z"));
        RecordingSender web = new RecordingSender("web");
        assertThat(f.dispatcher("a", web).drain().sent()).isEqualTo(3);
        assertThat(web.countByUser()).containsEntry("alex", 1L).containsEntry("sam", 2L);
    }

    @Test
    void changingTheMeetingTimeReplacesNudgesNotYetSent() {
        DemoData.install(f.storage.people(), f.storage.actions(), f.clock);
        f.planning.planAll(f.clock.instant(), Duration.ofDays(8));
        var demo = f.storage.people().pairing("demo").orElseThrow();
        f.storage.people().savePairing(demo.meetingAt(java.time.DayOfWeek.TUESDAY, java.time.LocalTime.of(12, 0)));
        f.planning.planAll(f.clock.instant(), Duration.ofDays(8));
        List<NudgeStore.Nudge> starts = f.store.all().stream().filter(n -> n.kind() == NudgeKind.MEETING_START).toList();
        assertThat(starts).singleElement().extracting(NudgeStore.Nudge::due).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
    }

    @Test
    void cleanUpRemovesOldFinishedNudgesTheirClaimsAndDeliveryRecords() {
        f.pairing(0);
        f.store.savePlan(List.of(f.meetingNudge(0, java.time.LocalDateTime.of(2026, 11, 30, 9, 0))), MONDAY);
        f.clock.set(Instant.parse("2026-11-30T09:00:00Z"));
        f.dispatcher("a", new RecordingSender("web")).drain();
        assertThat(f.store.cleanUp(Instant.parse("2026-11-30T08:00:00Z"))).isZero();
        assertThat(f.store.cleanUp(Instant.parse("2026-12-31T00:00:00Z"))).isEqualTo(3);
        assertThat(f.store.all()).isEmpty();
    }

    @Test
    void thePreviewCommandReadsTheStoreTheBotWroteWithItsSealedText(@TempDir Path dir) {
        // what the bot leaves behind on the embedded default: the on-disk store and its generated key file
        try (uk.ectmentor.core.storage.EmbeddedMongo server = uk.ectmentor.core.storage.EmbeddedMongo.onDisk(dir, 0);
             uk.ectmentor.core.storage.MongoStorage bot = uk.ectmentor.core.storage.MongoStorage.connect(
                     server.connectionString(), "ect_mentor_bot", uk.ectmentor.core.trust.FieldCipher.fromSpecOrKeyFile("", dir))) {
            uk.ectmentor.core.demo.DemoData.install(bot.people(), bot.actions(), Clock.fixed(MONDAY, ZoneOffset.UTC));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ScheduleCommand.run(new String[] {"--pairing", "demo", "--from", "2027-06-07", "--to", "2027-06-11"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("BOT_DATA_DIR", dir.toString()), Clock.fixed(MONDAY, ZoneOffset.UTC));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("previewing the demo school instead");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"kind\": \"meeting-start\"");
    }

    @Test
    void thePreviewCommandPrintsJsonLinesForTheDemoPairingOnAFreshMachine(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ScheduleCommand.run(new String[] {"--pairing", "demo", "--from", "2027-06-07", "--to", "2027-06-11"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("BOT_DATA_DIR", dir.toString()), Clock.fixed(MONDAY, ZoneOffset.UTC));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).contains("{\"due\": \"2027-06-10T14:30:00Z\", \"local\": \"2027-06-10T15:30\", \"to\": \"alex\", \"kind\": \"meeting-start\"}");
        assertThat(lines).allMatch(l -> l.matches("\\{\"due\": \"[^\"]+Z\", \"local\": \"[^\"]+\", \"to\": \"(alex|sam)\", \"kind\": \"[a-z-]+\"}"));

        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        assertThat(ScheduleCommand.run(new String[] {"--pairing", "nope", "--from", "2027-06-07", "--to", "2027-06-11"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(bad, true, StandardCharsets.UTF_8),
                Map.of("BOT_DATA_DIR", dir.toString()), Clock.fixed(MONDAY, ZoneOffset.UTC))).isEqualTo(1);
        assertThat(bad.toString(StandardCharsets.UTF_8)).contains("no pairing 'nope'");
        assertThat(ScheduleCommand.run(new String[] {"--pairing", "demo", "--from", "June", "--to", "2027-06-11"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(bad, true, StandardCharsets.UTF_8),
                Map.of("BOT_DATA_DIR", dir.toString()), Clock.fixed(MONDAY, ZoneOffset.UTC))).isEqualTo(2);
    }

    @Test
    void theICalendarFeedHasOneEventANudgeInUtc() {
        DemoData.install(f.storage.people(), f.storage.actions(), f.clock);
        List<PlannedNudge> nudges = f.planning.preview("demo", LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 11), MONDAY).orElseThrow();
        String ics = IcsWriter.write("demo", nudges, MONDAY);
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(ics.split("BEGIN:VEVENT", -1)).hasSize(nudges.size() + 1);
        assertThat(ics).contains("DTSTART:20261210T153000Z").contains("SUMMARY:Mentor meeting");
        assertThat(ics.lines()).allMatch(l -> l.length() <= 75);
    }

    @Test
    void quartzCronExpressionsAreParsedOnceAndFollowTheZone() {
        var first = QuartzJobs.cron("0 30 15 ? * THU", java.time.ZoneId.of("Europe/London"));
        assertThat(QuartzJobs.cron("0 30 15 ? * THU", java.time.ZoneId.of("Europe/London"))).isSameAs(first);
        Date next = first.getNextValidTimeAfter(Date.from(Instant.parse("2027-06-01T00:00:00Z")));
        assertThat(next.toInstant()).isEqualTo(Instant.parse("2027-06-03T14:30:00Z"));
    }

    @Test
    void theEctsChosenStudyDayMovesTheSelfStudyNudgeWhenTheWeekIsPlannedAgain() {
        DemoData.install(f.storage.people(), f.storage.actions(), f.clock);
        SchedulePlanning planning = new SchedulePlanning(f.storage.people(), f.storage.actions(), f.calendars,
                new NudgePlanner(f.content, f.storage.nudgeInputs(), NudgePlanner.Times.defaults()), f.store);
        planning.planAll(f.clock.instant(), Duration.ofDays(5));
        // the demo meeting is on Thursday: by default the study nudge comes on Friday
        assertThat(studyNudges()).singleElement().satisfies(n -> assertThat(n.due()).isEqualTo(Instant.parse("2026-12-04T16:00:00Z")));

        f.storage.preferences().save(f.storage.preferences().get(DemoData.ECT).studyOn(java.time.DayOfWeek.TUESDAY));
        planning.planAll(f.clock.instant(), Duration.ofDays(5));
        assertThat(studyNudges()).as("moved, not doubled").singleElement()
                .satisfies(n -> assertThat(n.due()).isEqualTo(Instant.parse("2026-12-01T16:00:00Z")));
    }

    private List<NudgeStore.Nudge> studyNudges() {
        return f.store.all().stream().filter(n -> n.kind() == NudgeKind.SELF_STUDY).toList();
    }
}
