package uk.ectmentor.core.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;
import uk.ectmentor.core.reflect.LogEntry;
import uk.ectmentor.core.testing.TestBot;

/** The engagement report: counts per pairing per week, for the right people, never any text. */
class EngagementTest {
    private final TestBot bot = new TestBot();

    @AfterEach
    void stop() {
        bot.close();
    }

    private String say(String user, String text) {
        List<Message> replies = bot.engine.handle(Inbound.text(UserRef.web(user), text, "d-" + System.nanoTime()));
        return String.join("\n", replies.stream().map(Message::plainText).toList());
    }

    private void seed() {
        var people = bot.storage.people();
        people.savePerson(new Person("lee", DemoData.SCHOOL, "Lee", Role.INDUCTION_TUTOR, null, null));
        people.linkIdentity(UserRef.web("lee"), "lee");
        people.saveSchool(new School("other", "Other School", ZoneId.of("Europe/London")));
        people.savePerson(new Person("zed", "other", "Zed", Role.ECT, "Primary", null, 1));
        people.savePerson(new Person("yan", "other", "Yan", Role.INDUCTION_TUTOR, null, null));
        people.linkIdentity(UserRef.web("yan"), "yan");
        people.savePairing(new Pairing("other-pair", "other", "ment", "zed", 1, 1));
        Instant now = bot.clock.instant();
        var log = bot.storage.learningLog();
        log.append(new LogEntry("r1", "sam", DemoData.SCHOOL, "reflection", 4, 6, "SECRET reflection text", now, false, "s1"));
        log.append(new LogEntry("r2", "sam", DemoData.SCHOOL, "reflection", 4, 6, "another", now.minus(Duration.ofDays(7)), false, "s2"));
        log.append(new LogEntry("m1", "sam", DemoData.SCHOOL, "meeting", 4, 6, "meeting notes", now, true, "s3"));
        log.append(new LogEntry("z1", "zed", "other", "reflection", 1, 1, "OTHER SCHOOL text", now, false, "s4"));
        bot.storage.actions().save(new ActionStep("a2", DemoData.SCHOOL, DemoData.PAIRING, "sam", "done one", 4, 6,
                ActionStep.Status.DONE, now, null, "went well"));
    }

    @Test
    void aTutorSeesCountsPerWeekAndNoText() {
        seed();
        String reply = say("lee", "engagement");
        // week of Mon 23 Nov: 1 meeting, 1 reflection, 2 actions set (demo's open one and the done one), 1 done
        assertThat(reply).contains("Alex & Sam · w/c 23 Nov: 1 · 1 · 2 (1)");
        assertThat(reply).contains("Alex & Sam · w/c 16 Nov: 0 · 1 · 0 (0)");
        assertThat(reply).doesNotContain("SECRET").doesNotContain("meeting notes").doesNotContain("Zed");
        String csv = say("lee", "engagement csv");
        assertThat(csv).contains("pairing,mentor,ect,week_of,meetings,reflections,actions_set,actions_done")
                .contains("demo,Alex,Sam,2026-11-23,1,1,2,1")
                .doesNotContain("SECRET").doesNotContain("other-pair");
    }

    @Test
    void otherSchoolsAndEctsSeeNothingOfThisSchool() {
        seed();
        String other = say("yan", "engagement");
        assertThat(other).doesNotContain("Sam").doesNotContain("Alex").contains("? & Zed".replace("?", "ment"));
        assertThat(say("sam", "engagement")).contains("for induction tutors and mentors");
        assertThat(say("alex", "engagement")).contains("Alex & Sam");
    }

    @Test
    void theReportBuildsZeroWeeksForQuietPairings() {
        LocalDate first = EngagementReport.firstWeek(LocalDate.of(2026, 11, 25), 3);
        assertThat(first).isEqualTo(LocalDate.of(2026, 11, 9));
        List<EngagementReport.Row> rows = EngagementReport.build(List.of(new Pairing("p", "s", "m", "e", 1, 1)),
                java.util.Map.of("m", "=cmd|' /C calc'!A0", "e", "Eve"), List.of(), ZoneId.of("Europe/London"), first, 3);
        assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.reflections() + r.meetings() + r.actionsSet()).isZero());
        assertThat(EngagementReport.csv(rows)).contains("p,'=cmd|' /C calc'!A0,Eve,2026-11-09,0,0,0,0");
    }
}
