package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.audit.AuditRecord;
import uk.ectmentor.core.meeting.Contract;
import uk.ectmentor.core.meeting.MeetingRecord;
import uk.ectmentor.core.meeting.PreMeetingReview;
import uk.ectmentor.core.plan.ActionPlan;
import uk.ectmentor.core.trust.FieldCipher;

/**
 * The free text of the mentoring records (actions, meeting notes, pre-meeting answers, contract answers, audit
 * evidence, plan targets) is sealed at rest: every raw document holds ciphertext, never the words; the stores
 * read it back; a rotation and {@code reencryptAtRest} move it to the new key.
 */
class EncryptedRecordsTest {
    private static final String K1 = "k1:" + FieldCipher.newKey();
    private static final String K2 = "k2:" + FieldCipher.newKey();
    private static final Instant AT = Instant.parse("2026-11-25T16:00:00Z");
    private static final String WORD = "Zanzibar";

    private final EmbeddedMongo server = EmbeddedMongo.inMemory();

    @AfterEach
    void stop() {
        server.close();
    }

    private static void writeEverything(MongoStorage s) {
        s.actions().save(new ActionStep("a1", "sch", "pair", "ect", WORD + " action", 4, 6, ActionStep.Status.OPEN, AT,
                LocalDate.of(2026, 12, 1), null, WORD + " criteria", null));
        s.actions().markDone("a1", WORD + " outcome", AT);
        s.meetings().save(new MeetingRecord("m1", "sch", "pair", "men", "ect", 4, 6, "Session",
                Map.of("Review", WORD + " note"), List.of("Activity"), "a1", AT));
        s.meetings().saveReview(new PreMeetingReview("pair", "ect", 4, 6, "a1", WORD + " action", WORD + " did",
                WORD + " impact", WORD + " next", AT));
        s.meetings().saveContract(new Contract("pair", "sch", Map.of("how", WORD + " answer"), "men", AT));
        s.audits().save(new AuditRecord("ect", "sch", 4, AuditRecord.Round.START, 1,
                List.of(new AuditRecord.Rating("4.1 Checks", "Developing", WORD + " evidence")), AT));
        s.plans().save(new ActionPlan("ect", "sch", List.of(new ActionPlan.Target(WORD + " target", null)),
                LocalDate.of(2027, 1, 15), AT));
    }

    private static void readsEverything(MongoStorage s) {
        ActionStep a = s.actions().byId("a1").orElseThrow();
        assertThat(List.of(a.text(), a.outcome(), a.successCriteria()))
                .containsExactly(WORD + " action", WORD + " outcome", WORD + " criteria");
        assertThat(s.meetings().meeting("m1").orElseThrow().notes()).containsEntry("Review", WORD + " note");
        PreMeetingReview r = s.meetings().review("pair", 4, 6).orElseThrow();
        assertThat(List.of(r.actionText(), r.did(), r.impact(), r.next()))
                .containsExactly(WORD + " action", WORD + " did", WORD + " impact", WORD + " next");
        assertThat(s.meetings().contract("pair").orElseThrow().answers()).containsEntry("how", WORD + " answer");
        assertThat(s.audits().find("ect", 4, AuditRecord.Round.START).orElseThrow().ratings().get(0).evidence())
                .isEqualTo(WORD + " evidence");
        assertThat(s.plans().forPerson("ect").orElseThrow().targets().get(0).text()).isEqualTo(WORD + " target");
        assertThat(s.plans().reviewDatesBetween(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 2, 1))).hasSize(1);
    }

    /** Every raw document of the sealed collections, as JSON. */
    private static List<String> raw(MongoStorage s) {
        List<String> out = new ArrayList<>();
        for (String c : SealedFields.FIELDS.keySet()) {
            s.database().getCollection(c).find().forEach(d -> out.add(c + " " + d.toJson()));
        }
        return out;
    }

    @Test
    void theRawDocumentsHoldCiphertextAndTheStoresReadThemBack() {
        try (MongoStorage s = MongoStorage.connect(server.connectionString(), "enc", FieldCipher.fromSpec(K1))) {
            writeEverything(s);
            assertThat(raw(s)).hasSize(6).allSatisfy(d -> assertThat(d).doesNotContain(WORD).contains("sealed:k1:"));
            readsEverything(s);
            // what is filtered on stays in the clear
            Document action = s.database().getCollection("actions").find(new Document("_id", "a1")).first();
            assertThat(action.getString("ectId")).isEqualTo("ect");
            assertThat(action.getString("status")).isEqualTo("DONE");
            // the export opens them
            assertThat(s.personalData().export("ect").get("actions").get(0).get("text")).isEqualTo(WORD + " action");
        }
    }

    @Test
    void aSealedValueMovedToAnotherRecordDoesNotOpen() {
        try (MongoStorage s = MongoStorage.connect(server.connectionString(), "move", FieldCipher.fromSpec(K1))) {
            writeEverything(s);
            s.actions().save(new ActionStep("a2", "sch", "pair", "ect", "other", 4, 6, ActionStep.Status.OPEN, AT,
                    null, null, null, null));
            String stolen = s.database().getCollection("actions").find(new Document("_id", "a1")).first().getString("text");
            s.database().getCollection("actions").updateOne(new Document("_id", "a2"), new Document("$set", new Document("text", stolen)));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.actions().byId("a2"))
                    .hasStackTraceContaining("did not open");
        }
    }

    @Test
    void plainRecordsFromBeforeEncryptionAndAfterARotationAreResealed() {
        try (MongoStorage plain = MongoStorage.connect(server.connectionString(), "rot")) {
            writeEverything(plain);
            assertThat(raw(plain)).allSatisfy(d -> assertThat(d).contains(WORD));
        }
        try (MongoStorage k1 = MongoStorage.connect(server.connectionString(), "rot", FieldCipher.fromSpec(K1))) {
            readsEverything(k1);
            assertThat(k1.reencryptAtRest()).isEqualTo(6);
            assertThat(raw(k1)).allSatisfy(d -> assertThat(d).doesNotContain(WORD).contains("sealed:k1:"));
        }
        try (MongoStorage rotated = MongoStorage.connect(server.connectionString(), "rot", FieldCipher.fromSpec(K2 + "," + K1))) {
            readsEverything(rotated);
            assertThat(rotated.reencryptAtRest()).isEqualTo(6);
            assertThat(rotated.reencryptAtRest()).isZero();
            assertThat(raw(rotated)).allSatisfy(d -> assertThat(d).doesNotContain("sealed:k1:").contains("sealed:k2:"));
        }
        try (MongoStorage newOnly = MongoStorage.connect(server.connectionString(), "rot", FieldCipher.fromSpec(K2))) {
            readsEverything(newOnly);
        }
    }

    @Test
    void aPendingMessageKeepsItsTextAndWhereToAnswerSealedAndTheStoreReadsThemBack() {
        try (MongoStorage s = MongoStorage.connect(server.connectionString(), "pending", FieldCipher.fromSpec(K1))) {
            var from = new uk.ectmentor.core.chat.UserRef("teams", "tenant", "29:sam");
            assertThat(s.inboundDedup().accept(new uk.ectmentor.core.delivery.InboundDedupStore.Pending("teams:c:1", from,
                    WORD + " reflection", "{\"user\":{\"name\":\"" + WORD + " Sam\"}}", AT))).isTrue();
            Document raw = s.database().getCollection("inboundDeliveries").find(new Document("_id", "teams:c:1")).first();
            assertThat(raw.toJson()).doesNotContain(WORD).contains("\"textKey\": \"k1\"").contains("\"channelKey\": \"k1\"");
            var claimed = s.inboundDedup().claimUnhandled("teams", AT.plusSeconds(1), AT.plusSeconds(1), "me",
                    java.time.Duration.ofMinutes(5), 10);
            assertThat(claimed).singleElement().satisfies(p -> {
                assertThat(p.text()).isEqualTo(WORD + " reflection");
                assertThat(p.channel()).contains(WORD + " Sam");
            });
            s.inboundDedup().handled("teams:c:1");
            Document done = s.database().getCollection("inboundDeliveries").find(new Document("_id", "teams:c:1")).first();
            assertThat(done.keySet()).doesNotContain("text", "textKey", "channel", "channelKey");
        }
    }

    @Test
    void aPendingMessageIsResealedAfterARotationAndOpensWithTheNewKeyAlone() {
        var from = new uk.ectmentor.core.chat.UserRef("slack", "T1", "U-sam");
        try (MongoStorage k1 = MongoStorage.connect(server.connectionString(), "pending-rot", FieldCipher.fromSpec(K1))) {
            assertThat(k1.inboundDedup().accept(new uk.ectmentor.core.delivery.InboundDedupStore.Pending("slack:event:r1", from,
                    WORD + " reflection", "D-" + WORD, AT))).isTrue();
            assertThat(k1.inboundDedup().accept(new uk.ectmentor.core.delivery.InboundDedupStore.Pending("slack:event:r2", from,
                    "answered already", null, AT))).isTrue();
            k1.inboundDedup().handled("slack:event:r2");
        }
        try (MongoStorage rotated = MongoStorage.connect(server.connectionString(), "pending-rot", FieldCipher.fromSpec(K2 + "," + K1))) {
            assertThat(rotated.reencryptAtRest()).as("the pending one; the answered one has no text left").isEqualTo(1);
            assertThat(rotated.reencryptAtRest()).isZero();
            Document raw = rotated.database().getCollection("inboundDeliveries").find(new Document("_id", "slack:event:r1")).first();
            assertThat(raw.toJson()).doesNotContain(WORD).contains("\"textKey\": \"k2\"").contains("\"channelKey\": \"k2\"");
        }
        try (MongoStorage k2 = MongoStorage.connect(server.connectionString(), "pending-rot", FieldCipher.fromSpec(K2))) {
            assertThat(k2.inboundDedup().claimUnhandled("slack", AT.plusSeconds(1), AT.plusSeconds(1), "me",
                    java.time.Duration.ofMinutes(5), 10)).singleElement().satisfies(p -> {
                assertThat(p.text()).isEqualTo(WORD + " reflection");
                assertThat(p.channel()).isEqualTo("D-" + WORD);
            });
        }
    }
}
