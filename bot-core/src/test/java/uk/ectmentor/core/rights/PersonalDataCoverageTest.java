package uk.ectmentor.core.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.onboarding.Invite;
import uk.ectmentor.core.testing.TestBot;
import uk.ectmentor.core.testing.Transcript;

/**
 * "Delete my data" after a full week of activity leaves nothing of the person anywhere: the check scans
 * every collection of the database, every field at any depth, so a collection added later and forgotten in
 * {@code MongoErasure.TARGETS} fails here.
 */
class PersonalDataCoverageTest {
    private final TestBot bot = new TestBot();

    @AfterEach
    void stop() {
        bot.close();
    }

    @BeforeEach
    void aFullWeek() {
        // a meeting with notes, an agreed action, pre-meeting answers, a learning log entry
        Transcript.resource("transcripts/meeting-copilot.transcript").run(bot.channel());
        // the module audit and the Year 2 action plan run on the learning fixture, which keeps sam and alex
        uk.ectmentor.core.testing.LearningFixtures.install(bot.storage);
        Transcript.resource("transcripts/module-audit.transcript").run(bot.channel());
        Transcript.resource("transcripts/action-plan.transcript").run(bot.channel());
        say("sam", "reflect: The seating plan helped.");
        say("sam", "quiet hours 21:00-07:00");
        say("sam", "snooze");
        say("sam", "link");
        say("sam", "my data");
        say("alex", "contract");
        say("alex", "cancel");
        bot.storage.invites().save(new Invite("SAMCODE1", DemoData.SCHOOL, "sam", false, bot.clock.instant(), null));
        bot.storage.invites().save(new Invite("ALEXCODE", DemoData.SCHOOL, "alex", true, bot.clock.instant(), "sam"));
        bot.storage.conversationRefs().save(UserRef.web("sam"), "{\"conversation\":\"c-sam\"}", bot.clock.instant());
        bot.storage.webInbox().put("sam", "nudge-1", List.of(Message.text("Your meeting is tomorrow")), bot.clock.instant());
        bot.storage.auditTrail().record(new AuditTrail.Event("ev-1", DemoData.SCHOOL, "alex", "view.log", "sam", bot.clock.instant()));
        bot.storage.meetings().saveContract(new uk.ectmentor.core.meeting.Contract(DemoData.PAIRING, DemoData.SCHOOL,
                Map.of("how", "Weekly, Tuesday"), "sam", bot.clock.instant()));
        bot.storage.invites().failedAttempt("sam", bot.clock.instant());
        bot.storage.invites().failedAttempt("ref:" + UserRef.web("sam").key(), bot.clock.instant());
        bot.storage.inboundDedup().accept(new uk.ectmentor.core.delivery.InboundDedupStore.Pending("web:sam:lost-1",
                UserRef.web("sam"), "reflect: taken in, not yet answered", null, bot.clock.instant()));
        schedulerRecords();
    }

    /** The scheduler's collections, shaped as its {@code NudgeStore} writes them. */
    private void schedulerRecords() {
        var db = bot.storage.database();
        Date now = Date.from(bot.clock.instant());
        for (String person : List.of("sam", "alex")) {
            String id = DemoData.PAIRING + ":pre_meeting:" + person + ":2026-11-30";
            db.getCollection("nudges").insertOne(new Document("_id", id).append("pairingId", DemoData.PAIRING)
                    .append("personId", person).append("kind", "pre_meeting").append("due", now).append("gen", 1));
            db.getCollection("nudgeDeliveries").insertOne(new Document("_id", id + "@" + bot.clock.instant())
                    .append("nudgeId", id).append("due", now).append("owner", "node-1").append("state", "SENT"));
            db.getCollection("nudgeLeases").insertOne(new Document("_id", id + "#1").append("owner", "node-1").append("at", now));
        }
        db.getCollection("nudgePlans").insertOne(new Document("_id", DemoData.PAIRING).append("module", 4).append("week", 6));
        db.getCollection("undeliverableIdentities").insertOne(new Document("_id", UserRef.web("sam").key())
                .append("detail", "gone").append("at", now));
    }

    @Test
    void deletingAnEctLeavesNoTraceInAnyCollection() {
        assertThat(where("sam")).as("the week left records of sam").hasSizeGreaterThan(10);
        List<String> before = where("sam");
        for (String c : List.of("meetings", "meeting_reviews", "actions", "audits", "actionPlans", "nudgePreferences",
                "learningLog", "invites", "linkCodes", "nudges", "webInbox", "conversation_refs", "codeAttempts",
                "inboundDeliveries")) {
            assertThat(before).as("expected records in " + c).anyMatch(w -> w.startsWith(c + "/"));
        }

        assertThat(press("sam", RightsFlow.ERASE_SELF, "sam")).contains("Done: I deleted");

        // only the audit trail's record of the erasure itself keeps the id
        assertThat(where("sam")).isNotEmpty()
                .allMatch(w -> w.startsWith("auditTrail/") && w.endsWith("/erase.self"), "only the erasure record")
                .allMatch(w -> w.equals(where("sam").get(0)), "one document");
        // the ECT's pairing is gone, and with it every per-pairing record
        for (String c : List.of("meetings", "meeting_reviews", "contracts", "nudgePlans", "actions")) {
            assertThat(bot.storage.database().getCollection(c).countDocuments()).as(c).isZero();
        }
        // the mentor keeps their own records (their nudges for the erased pairing go with it)
        assertThat(where("alex")).anyMatch(w -> w.startsWith("persons/")).anyMatch(w -> w.startsWith("auditTrail/ev-1"))
                .noneMatch(w -> w.startsWith("nudges/"));
    }

    @Test
    void deletingAMentorLeavesTheEctsInductionRecordWithoutTheirId() {
        bot.storage.personalData().erase("alex");

        assertThat(where("alex")).isEmpty();
        assertThat(bot.storage.meetings().meetingsOf(DemoData.PAIRING, 5)).isNotEmpty()
                .allSatisfy(m -> assertThat(m.mentorId()).isEqualTo(uk.ectmentor.core.storage.MongoErasure.ERASED));
        assertThat(bot.storage.actions().openFor("sam")).isNotEmpty();
        assertThat(where("sam")).anyMatch(w -> w.startsWith("nudges/")).anyMatch(w -> w.startsWith("persons/"));
    }

    @Test
    void theExportCoversTheNewCollections() {
        Map<String, List<Map<String, Object>>> all = bot.storage.personalData().export("sam");
        assertThat(all).containsKeys("meetings", "meeting_reviews", "contracts", "actions", "audits", "actionPlans",
                "nudgePreferences", "nudges", "learningLog", "identities", "persons");
    }

    private String say(String user, String text) {
        return plain(bot.engine.handle(Inbound.text(UserRef.web(user), text, "d-" + System.nanoTime())));
    }

    private String press(String user, String action, String value) {
        bot.clock.advance(Duration.ofMinutes(1));
        return plain(bot.engine.handle(Inbound.action(UserRef.web(user), action, value, "d-" + System.nanoTime())));
    }

    private static String plain(List<Message> replies) {
        return String.join("\n", replies.stream().map(Message::plainText).toList());
    }

    /** Every "collection/_id/field" in the whole database whose value is, or holds as a delimited part, the id. */
    private List<String> where(String personId) {
        Pattern part = Pattern.compile("(^|[^A-Za-z0-9_-])" + Pattern.quote(personId) + "($|[^A-Za-z0-9_-])");
        List<String> found = new ArrayList<>();
        for (String c : bot.storage.database().listCollectionNames()) {
            for (Document d : bot.storage.database().getCollection(c).find()) {
                scan(c + "/" + d.get("_id") + "/" + d.get("action"), d, part, found);
            }
        }
        return found;
    }

    private static void scan(String where, Object value, Pattern part, List<String> found) {
        if (value instanceof Document) {
            ((Document) value).forEach((k, v) -> {
                if (part.matcher(k).find()) {
                    found.add(where + " key " + k);
                }
                scan(where, v, part, found);
            });
        } else if (value instanceof List) {
            for (Object o : (List<?>) value) {
                scan(where, o, part, found);
            }
        } else if (value instanceof String && part.matcher((String) value).find()) {
            found.add(where);
        }
    }
}
