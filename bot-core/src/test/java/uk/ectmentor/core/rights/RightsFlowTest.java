package uk.ectmentor.core.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;
import uk.ectmentor.core.reflect.LogEntry;
import uk.ectmentor.core.testing.TestBot;

/** Export, erasure and retention through the engine and the real store, with hostile attempts at each. */
class RightsFlowTest {
    private final TestBot bot = new TestBot();

    @AfterEach
    void stop() {
        bot.close();
    }

    private String say(String user, String text) {
        return plain(bot.engine.handle(Inbound.text(UserRef.web(user), text, "d-" + System.nanoTime())));
    }

    private String press(String user, String action, String value) {
        return plain(bot.engine.handle(Inbound.action(UserRef.web(user), action, value, "d-" + System.nanoTime())));
    }

    private static String plain(List<Message> replies) {
        return String.join("\n", replies.stream().map(Message::plainText).toList());
    }

    private long count(String collection, String field, String value) {
        return bot.storage.database().getCollection(collection).countDocuments(new Document(field, value));
    }

    @Test
    void deleteMyDataErasesEverywhereAndIsAudited() {
        say("sam", "reflect: The seating plan helped.");
        say("sam", "Some loose thought");   // leaves a draft in conversation state
        assertThat(count("learningLog", "personId", "sam")).isEqualTo(1);
        assertThat(count("conversations", "_id", "sam")).isEqualTo(1);

        assertThat(press("sam", RightsFlow.ERASE_SELF, "sam")).contains("Done: I deleted");

        for (String[] where : new String[][] {{"learningLog", "personId"}, {"actions", "ectId"}, {"conversations", "_id"},
                {"identities", "personId"}, {"pairings", "ectId"}, {"persons", "_id"}}) {
            assertThat(count(where[0], where[1], "sam")).as(where[0]).isZero();
        }
        assertThat(count("persons", "_id", "alex")).isEqualTo(1);
        assertThat(bot.storage.auditTrail().recent(DemoData.SCHOOL, 10))
                .extracting(AuditTrail.Event::action, AuditTrail.Event::subject).contains(org.assertj.core.groups.Tuple.tuple("erase.self", "sam"));
        assertThat(say("sam", "hello")).contains("I don't know you yet");
    }

    @Test
    void aForgedConfirmationCannotEraseSomeoneElse() {
        assertThat(press("sam", RightsFlow.ERASE_SELF, "alex")).contains("wasn't meant for you");
        assertThat(press("sam", RightsFlow.ERASE_OTHER, "alex")).contains("I can't erase that");
        assertThat(press("alex", RightsFlow.ERASE_OTHER, "{\"$ne\": null}")).contains("nothing left to erase");
        assertThat(count("persons", "_id", "alex")).isEqualTo(1);
        assertThat(count("persons", "_id", "sam")).isEqualTo(1);
    }

    @Test
    void anAdminErasesInTheirOwnSchoolOnlyAndItIsAudited() {
        var people = bot.storage.people();
        people.savePerson(new Person("ria", DemoData.SCHOOL, "Ria", Role.ADMIN, null, null));
        people.linkIdentity(UserRef.web("ria"), "ria");
        people.saveSchool(new School("other", "Other School", ZoneId.of("Europe/London")));
        people.savePerson(new Person("zed", "other", "Zed", Role.ECT, "Primary", null, 1));

        assertThat(say("ria", "erase person zed")).contains("I can't erase that");
        assertThat(press("ria", RightsFlow.ERASE_OTHER, "zed")).contains("only a programme admin of the same school");
        assertThat(count("persons", "_id", "zed")).isEqualTo(1);

        assertThat(say("ria", "erase person sam")).contains("Erase everything held about Sam");
        assertThat(press("ria", RightsFlow.ERASE_OTHER, "sam")).contains("Erased").contains("audit trail");
        assertThat(count("persons", "_id", "sam")).isZero();
        assertThat(bot.storage.auditTrail().recent(DemoData.SCHOOL, 10)).anySatisfy(e -> {
            assertThat(e.actorId()).isEqualTo("ria");
            assertThat(e.action()).isEqualTo("erase");
            assertThat(e.subject()).isEqualTo("sam");
        });
        assertThat(bot.storage.auditTrail().recent("other", 10)).isEmpty();
    }

    @Test
    void erasingAMentorKeepsTheirEctsPairingButTakesTheirIdOut() {
        bot.storage.personalData().erase("alex");
        Pairing pairing = bot.storage.people().pairing(DemoData.PAIRING).orElseThrow();
        assertThat(pairing.mentorId()).isEqualTo(uk.ectmentor.core.storage.MongoErasure.ERASED);
        assertThat(pairing.ectId()).isEqualTo("sam");
    }

    @Test
    void theExportHoldsOpenedTextAndOnlyThePersonsRecords() {
        bot.storage.learningLog().append(new LogEntry("other-entry", "alex", DemoData.SCHOOL, "reflection", 4, 6,
                "alex's own note", Instant.now(), false, "x"));
        say("sam", "reflect: \"Quoted\" thought\twith a tab");
        String reply = say("sam", "my data");
        assertThat(reply).contains("\\\"Quoted\\\" thought\\twith a tab").doesNotContain("alex's own note");
        Map<String, List<Map<String, Object>>> all = bot.storage.personalData().export("sam");
        assertThat(all.get("learningLog")).singleElement().satisfies(d -> {
            assertThat(d.get("text")).isEqualTo("\"Quoted\" thought\twith a tab");
            assertThat(d).doesNotContainKey("textKey");
        });
        assertThat(all.get("identities")).singleElement().satisfies(d -> assertThat(d.get("userId")).isEqualTo("sam"));
        assertThat(bot.storage.personalData().export("{\"$ne\": null}")).isEmpty();
        assertThat(bot.storage.auditTrail().recent(DemoData.SCHOOL, 5)).extracting(AuditTrail.Event::action).contains("export");
    }

    @Test
    void retentionErasesOnlyThoseWhoseInductionEndedLongEnoughAgo() {
        var people = bot.storage.people();
        people.savePerson(new Person("old", DemoData.SCHOOL, "Old", Role.ECT, "Primary", null, 2));
        bot.storage.retention().setInductionEnd("old", DemoData.SCHOOL, LocalDate.of(2024, 7, 31));
        bot.storage.retention().setInductionEnd("sam", DemoData.SCHOOL, LocalDate.of(2026, 7, 31));
        bot.storage.conversations().put(ConversationState.empty("old", Instant.now()));

        RetentionJob job = new RetentionJob(bot.storage.retention(), bot.storage.personalData(), bot.storage.auditTrail(), bot.clock, 12);
        assertThat(job.run()).isEqualTo(1);
        assertThat(count("persons", "_id", "old")).isZero();
        assertThat(count("conversations", "_id", "old")).isZero();
        assertThat(count("retention", "_id", "old")).isZero();
        assertThat(count("persons", "_id", "sam")).isEqualTo(1);
        assertThat(job.run()).isZero();
        assertThat(bot.storage.auditTrail().recent(DemoData.SCHOOL, 5)).extracting(AuditTrail.Event::action).containsExactly("retention.erase");
    }
}
