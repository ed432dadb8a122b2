package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.reflect.LogEntry;
import uk.ectmentor.core.trust.FieldCipher;

/** Reflection text is sealed in the store: the raw document holds ciphertext and a key id, never the words. */
class EncryptedLearningLogTest {
    private static final String K1 = "k1:" + FieldCipher.newKey();
    private static final String K2 = "k2:" + FieldCipher.newKey();
    private final EmbeddedMongo server = EmbeddedMongo.inMemory();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theRawDocumentHoldsCiphertextAndTheStoreReadsItBack() {
        try (MongoStorage storage = MongoStorage.connect(server.connectionString(), "enc", FieldCipher.fromSpec(K1))) {
            storage.learningLog().append(entry("e1", "src-1", "The hinge question showed who had the misconception"));
            Document raw = storage.database().getCollection("learningLog").find(new Document("_id", "e1")).first();
            assertThat(raw.getString("text")).doesNotContain("hinge").doesNotContain("misconception");
            assertThat(raw.getString(MongoLearningLogStore.TEXT_KEY)).isEqualTo("k1");
            assertThat(raw.getString("source")).isEqualTo("p|src-1");
            assertThat(storage.learningLog().recent("p", 5)).singleElement()
                    .extracting(LogEntry::text).isEqualTo("The hinge question showed who had the misconception");
            assertThat(storage.learningLog().append(entry("e2", "src-1", "again")).isNew()).isFalse();
            assertThat(storage.learningLog().bySource("p", "src-1")).get().extracting(LogEntry::text)
                    .asString().startsWith("The hinge");
        }
    }

    @Test
    void afterARotationOldEntriesReadAndReencryptMovesThemToTheNewKey() {
        try (MongoStorage plain = MongoStorage.connect(server.connectionString(), "rot")) {
            plain.learningLog().append(entry("e0", "s0", "written before encryption was switched on"));
        }
        try (MongoStorage old = MongoStorage.connect(server.connectionString(), "rot", FieldCipher.fromSpec(K1))) {
            old.learningLog().append(entry("e1", "s1", "written under k1"));
        }
        try (MongoStorage rotated = MongoStorage.connect(server.connectionString(), "rot", FieldCipher.fromSpec(K2 + "," + K1))) {
            rotated.learningLog().append(entry("e2", "s2", "written under k2"));
            assertThat(rotated.learningLog().recent("p", 5)).extracting(LogEntry::text)
                    .containsExactlyInAnyOrder("written before encryption was switched on", "written under k1", "written under k2");
            assertThat(rotated.reencryptAtRest()).isEqualTo(2);
            assertThat(rotated.reencryptAtRest()).isZero();
            assertThat(rotated.database().getCollection("learningLog").find()
                    .map(d -> d.getString(MongoLearningLogStore.TEXT_KEY)).into(new java.util.ArrayList<>())).containsOnly("k2");
        }
        try (MongoStorage newOnly = MongoStorage.connect(server.connectionString(), "rot", FieldCipher.fromSpec(K2))) {
            assertThat(newOnly.learningLog().recent("p", 5)).hasSize(3);
        }
    }

    @Test
    void wordsAreFoundThroughTheBlindIndexAcrossARotation() {
        try (MongoStorage old = MongoStorage.connect(server.connectionString(), "idx", FieldCipher.fromSpec(K1))) {
            old.learningLog().append(entry("e1", "s1", "Retrieval practice at the start worked"));
            Document raw = old.database().getCollection("learningLog").find(new Document("_id", "e1")).first();
            assertThat(raw.getList(MongoLearningLogStore.TEXT_TOKENS, String.class)).hasSize(5).noneMatch(t -> t.contains("retrieval"));
        }
        try (MongoStorage rotated = MongoStorage.connect(server.connectionString(), "idx", FieldCipher.fromSpec(K2 + "," + K1))) {
            rotated.learningLog().append(entry("e2", "s2", "More RETRIEVAL, less re-reading"));
            MongoLearningLogStore log = (MongoLearningLogStore) rotated.learningLog();
            assertThat(log.withWord("p", "retrieval", 10)).extracting(LogEntry::id).containsExactly("e2", "e1");
            assertThat(log.withWord("p", "practice", 10)).extracting(LogEntry::id).containsExactly("e1");
            assertThat(log.withWord("other", "retrieval", 10)).isEmpty();
            assertThat(log.withWord("p", "retriev", 10)).isEmpty();
            assertThat(log.withWord("p", "{\"$ne\": null}", 10)).isEmpty();
            rotated.reencryptAtRest();
            assertThat(log.withWord("p", "retrieval", 10)).hasSize(2);
        }
        try (MongoStorage newOnly = MongoStorage.connect(server.connectionString(), "idx", FieldCipher.fromSpec(K2))) {
            assertThat(((MongoLearningLogStore) newOnly.learningLog()).withWord("p", "practice", 10)).extracting(LogEntry::id).containsExactly("e1");
        }
    }

    @Test
    void conversationDataIsSealedToo() {
        java.time.Instant now = Instant.parse("2026-11-20T10:00:00Z");
        try (MongoStorage storage = MongoStorage.connect(server.connectionString(), "conv", FieldCipher.fromSpec(K1))) {
            storage.conversations().put(uk.ectmentor.core.engine.ConversationState.empty("p", now)
                    .with("draft.text", "Jamie Thompson in Year 8", now).at("gibbs", "feelings", now));
            Document raw = storage.database().getCollection("conversations").find(new Document("_id", "p")).first();
            assertThat(raw.toJson()).doesNotContain("Thompson").contains("\"dataKey\": \"k1\"");
            assertThat(storage.conversations().get("p")).get().extracting(s -> s.get("draft.text")).isEqualTo("Jamie Thompson in Year 8");
            assertThat(storage.personalData().export("p").get("conversations")).singleElement()
                    .satisfies(d -> assertThat(d.toString()).contains("Jamie Thompson").doesNotContain("dataKey"));
        }
        try (MongoStorage rotated = MongoStorage.connect(server.connectionString(), "conv", FieldCipher.fromSpec(K2 + "," + K1))) {
            assertThat(rotated.reencryptAtRest()).isEqualTo(1);
            Document raw = rotated.database().getCollection("conversations").find(new Document("_id", "p")).first();
            assertThat(raw.getString("dataKey")).isEqualTo("k2");
            assertThat(raw.getDate("updatedAt").toInstant()).isEqualTo(now);
            assertThat(rotated.conversations().get("p").orElseThrow().step()).isEqualTo("feelings");
        }
    }

    private static LogEntry entry(String id, String source, String text) {
        return new LogEntry(id, "p", "s1", "reflection", 4, 6, text, Instant.parse("2026-11-20T10:00:00Z"), false, source);
    }
}
