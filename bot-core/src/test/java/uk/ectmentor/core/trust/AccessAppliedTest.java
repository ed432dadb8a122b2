package uk.ectmentor.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.audit.AuditRecord;
import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.meeting.MeetingRecord;
import uk.ectmentor.core.meeting.PreMeetingReview;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;
import uk.ectmentor.core.plan.ActionPlan;
import uk.ectmentor.core.reflect.LogEntry;
import uk.ectmentor.core.testing.LearningFixtures;
import uk.ectmentor.core.testing.TestBot;

/**
 * The access policy applied where someone other than the owner reads a record: every mentor view of Sam's
 * records, asked for by people who must not see them. Sam's records all carry the word SECRET; no reply to a
 * stranger to them may.
 */
class AccessAppliedTest {
    private static final List<String> PROBES = List.of("log sam", "log sam all", "shared reflections", "audit sam",
            "action plan sam", "my plan", "my actions", "last meeting", "prompts", "review", "meeting");

    private final TestBot bot = LearningFixtures.bot();

    @BeforeEach
    void samsRecords() {
        Instant now = bot.clock.instant();
        var people = bot.storage.people();
        bot.storage.learningLog().append(new LogEntry("e-shared", "sam", DemoData.SCHOOL, "reflection", 4, 6,
                "SECRET shared reflection", now, true, "src-1"));
        bot.storage.learningLog().append(new LogEntry("e-private", "sam", DemoData.SCHOOL, "reflection", 4, 6,
                "SECRET private reflection", now, false, "src-2"));
        bot.storage.actions().save(new ActionStep("a-secret", DemoData.SCHOOL, DemoData.PAIRING, "sam", "SECRET action step",
                4, 6, ActionStep.Status.OPEN, now, null, null, null, null));
        bot.storage.audits().save(new AuditRecord("sam", DemoData.SCHOOL, 4, AuditRecord.Round.START, 1,
                List.of(new AuditRecord.Rating("4.1 Checks", "Developing", "SECRET evidence")), now));
        bot.storage.plans().save(new ActionPlan("sam", DemoData.SCHOOL, List.of(new ActionPlan.Target("SECRET target", null)),
                LocalDate.of(2027, 1, 15), now));
        bot.storage.meetings().save(new MeetingRecord("m-1", DemoData.SCHOOL, DemoData.PAIRING, "alex", "sam", 4, 6,
                "Session", Map.of("Review", "SECRET meeting note"), List.of(), "a-secret", now));
        bot.storage.meetings().saveReview(new PreMeetingReview(DemoData.PAIRING, "sam", 4, 6, "a-secret", "SECRET action step",
                "SECRET did", "SECRET impact", "SECRET next", now));

        // another school with its own mentor and an ECT also called Sam
        people.saveSchool(new School("other", "Other School", ZoneId.of("Europe/London")));
        people.savePerson(new Person("max", "other", "Max", Role.MENTOR, "Primary", null));
        people.savePerson(new Person("sam-other", "other", "Sam", Role.ECT, "Primary", null, 1));
        people.savePairing(new Pairing("pair-max", "other", "max", "sam-other", 4, 6));
        people.linkIdentity(UserRef.web("max"), "max");
        // an induction tutor in Sam's school
        people.savePerson(new Person("tia", DemoData.SCHOOL, "Tia", Role.INDUCTION_TUTOR, "Primary", null));
        people.linkIdentity(UserRef.web("tia"), "tia");
        // a mentor in another school whose pairing record names Sam of the demo school (a cross-school record)
        people.savePerson(new Person("rex", "other", "Rex", Role.MENTOR, "Primary", null));
        people.savePairing(new Pairing("pair-rex", "other", "rex", "sam", 4, 6));
        people.linkIdentity(UserRef.web("rex"), "rex");
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    private String say(String user, String text) {
        String reply = String.join("\n", bot.engine.handle(Inbound.text(UserRef.web(user), text, "d-" + System.nanoTime()))
                .stream().map(Message::plainText).toList());
        bot.engine.handle(Inbound.text(UserRef.web(user), "cancel", "c-" + System.nanoTime()));
        return reply;
    }

    private void seesNothingOfSam(String user) {
        for (String probe : PROBES) {
            assertThat(say(user, probe)).as(user + "> " + probe).doesNotContain("SECRET");
        }
    }

    @Test
    void theMentorOfAnotherPairingSeesNothingOfSam() {
        seesNothingOfSam("jo");
    }

    @Test
    void aMentorInAnotherSchoolWithAnEctOfTheSameNameSeesOnlyTheirOwn() {
        seesNothingOfSam("max");
    }

    @Test
    void aPairingRecordAcrossSchoolsGivesNoAccess() {
        seesNothingOfSam("rex");
        assertThat(AccessPolicy.allows(bot.storage.people(), bot.storage.people().person("rex").orElseThrow(), "sam",
                AccessPolicy.Resource.ACTION, false)).isFalse();
    }

    @Test
    void theHomePageOfACrossSchoolPairingShowsNoActions() {
        var home = new uk.ectmentor.core.home.HomePage(bot.storage.people(), bot.storage.actions(),
                bot.storage.learningLog(), LearningFixtures.content(), bot.clock);
        assertThat(home.forUser(UserRef.web("rex")).plainText()).doesNotContain("SECRET");
        assertThat(home.forUser(UserRef.web("alex")).plainText()).contains("SECRET action step");
    }

    @Test
    void anInductionTutorNeverSeesText() {
        seesNothingOfSam("tia");
    }

    @Test
    void anotherEctCannotReadSam() {
        seesNothingOfSam("kim");
    }

    @Test
    void samsOwnMentorSeesWhatIsSharedAndNothingPrivate() {
        assertThat(say("alex", "log sam")).contains("SECRET shared reflection").doesNotContain("SECRET private");
        assertThat(say("alex", "audit sam")).contains("4.1 Checks");
        assertThat(say("alex", "action plan sam")).contains("SECRET target");
        assertThat(say("alex", "my actions")).contains("SECRET action step");
        assertThat(say("alex", "last meeting")).contains("SECRET meeting note");
        assertThat(say("alex", "prompts")).contains("SECRET action step").contains("SECRET did");
        assertThat(say("sam", "last meeting")).contains("SECRET meeting note");
    }

    @Test
    void noIdOrOddIdReadsAnything() {
        var alex = bot.storage.people().person("alex").orElseThrow();
        assertThat(AccessPolicy.allows(bot.storage.people(), alex, "{\"$ne\": null}", AccessPolicy.Resource.ACTION, false)).isFalse();
        assertThat(AccessPolicy.allows(bot.storage.people(), alex, null, AccessPolicy.Resource.ACTION, false)).isFalse();
        assertThat(AccessPolicy.allows(bot.storage.people(), null, "sam", AccessPolicy.Resource.ACTION, false)).isFalse();
    }
}
