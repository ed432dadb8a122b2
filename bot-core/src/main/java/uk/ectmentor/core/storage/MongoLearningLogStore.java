package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import uk.ectmentor.core.reflect.LearningLogStore;
import uk.ectmentor.core.reflect.LogEntry;
import uk.ectmentor.core.trust.FieldCipher;

/**
 * Learning log entries. The unique {@code source} key (person + what produced the entry) is what makes
 * a retried delivery land once, on real MongoDB and on the embedded server alike.
 */
final class MongoLearningLogStore implements LearningLogStore, uk.ectmentor.core.trust.LogSearch {
    /** The id of the key the {@code text} field is sealed with; absent when the text is stored as written. */
    static final String TEXT_KEY = "textKey";
    /** Blind index of the words in {@code text} (HMAC tokens), present when the text is sealed. */
    static final String TEXT_TOKENS = "textTokens";
    private final MongoCollection<Document> entries;
    private final FieldCipher cipher;

    MongoLearningLogStore(MongoDatabase db, FieldCipher cipher) {
        this.entries = db.getCollection("learningLog");
        this.cipher = cipher;
    }

    void ensureIndexes() {
        uk.ectmentor.core.storage.Indexes.unique(entries, Indexes.ascending("source"));
        uk.ectmentor.core.storage.Indexes.lookup(entries, Indexes.compoundIndex(Indexes.ascending("personId"), Indexes.descending("createdAt")));
    }

    @Override
    public Appended append(LogEntry e) {
        return Mongo.call(() -> {
            try {
                entries.insertOne(toDocument(e));
                return new Appended(e, true);
            } catch (MongoWriteException dup) {
                if (!Mongo.isDuplicateKey(dup)) {
                    throw dup;
                }
                LogEntry earlier = bySource(e.personId(), e.sourceKey()).orElseThrow(() -> dup);
                return new Appended(earlier, false);
            }
        });
    }

    @Override
    public Optional<LogEntry> bySource(String personId, String sourceKey) {
        return Mongo.call(() -> Optional.ofNullable(entries.find(eq("source", source(personId, sourceKey))).first())
                .map(this::toEntry));
    }

    @Override
    public List<LogEntry> recent(String personId, int limit) {
        return Mongo.call(() -> entries.find(eq("personId", personId))
                .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("_id")))
                .limit(limit)
                .map(this::toEntry)
                .into(new ArrayList<>()));
    }

    @Override
    public Optional<LogEntry> byId(String personId, String entryId) {
        return Mongo.call(() -> Optional.ofNullable(entries.find(and(eq("_id", entryId), eq("personId", personId))).first())
                .map(this::toEntry));
    }

    @Override
    public List<LogEntry> sharedOf(String personId, int limit) {
        return Mongo.call(() -> entries.find(and(eq("personId", personId), eq("shared", true)))
                .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("_id")))
                .limit(limit)
                .map(this::toEntry)
                .into(new ArrayList<>()));
    }

    @Override
    public Optional<LogEntry> setShared(String personId, String entryId, boolean shared) {
        return Mongo.call(() -> Optional.ofNullable(entries.findOneAndUpdate(and(eq("_id", entryId), eq("personId", personId)),
                Updates.set("shared", shared), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(this::toEntry));
    }

    @Override
    public Optional<LogEntry> updateText(String personId, String entryId, String text) {
        org.bson.conversions.Bson change = Updates.set("text", text);
        if (cipher.enabled()) {
            FieldCipher.Sealed sealed = cipher.seal(text, entryId);
            change = Updates.combine(Updates.set("text", sealed.value()), Updates.set(TEXT_KEY, sealed.keyId()),
                    Updates.set(TEXT_TOKENS, tokens(text)));
        }
        org.bson.conversions.Bson update = change;
        return Mongo.call(() -> Optional.ofNullable(entries.findOneAndUpdate(and(eq("_id", entryId), eq("personId", personId)),
                update, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(this::toEntry));
    }

    @Override
    public boolean delete(String personId, String entryId) {
        return Mongo.call(() -> entries.deleteOne(and(eq("_id", entryId), eq("personId", personId))).getDeletedCount() > 0);
    }

    /**
     * Housekeeping after a key rotation: re-seals every entry whose text is stored as written or under an
     * older key, with the current key. Each entry is updated on its own, only if nobody changed it meanwhile.
     *
     * @return how many entries were re-sealed
     */
    int reencrypt() {
        if (!cipher.enabled()) {
            return 0;
        }
        return Mongo.call(() -> {
            int changed = 0;
            for (Document d : entries.find(com.mongodb.client.model.Filters.ne(TEXT_KEY, cipher.currentKeyId()))
                    .into(new ArrayList<>())) {
                String id = d.getString("_id");
                String plain = openText(d);
                FieldCipher.Sealed sealed = cipher.seal(plain, id);
                Object oldKey = d.get(TEXT_KEY);
                var result = entries.updateOne(com.mongodb.client.model.Filters.and(eq("_id", id), eq(TEXT_KEY, oldKey),
                                eq("text", d.get("text"))),
                        com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.set("text", sealed.value()),
                                com.mongodb.client.model.Updates.set(TEXT_KEY, sealed.keyId()),
                                com.mongodb.client.model.Updates.set(TEXT_TOKENS, tokens(plain))));
                changed += (int) result.getModifiedCount();
            }
            return changed;
        });
    }

    private List<String> tokens(String text) {
        return FieldCipher.words(text).stream().map(cipher::wordToken).toList();
    }

    /**
     * The person's entries holding {@code word} (a whole word, any case), newest first, found through the
     * blind index: the store compares HMAC tokens and never sees the word. Entries stored as written (no
     * keys configured) are matched on their text.
     */
    @Override
    public List<LogEntry> withWord(String personId, String word, int limit) {
        java.util.Set<String> words = FieldCipher.words(word);
        if (words.size() != 1) {
            return List.of();
        }
        String w = words.iterator().next();
        return Mongo.call(() -> {
            var byPerson = eq("personId", personId);
            var filter = cipher.enabled()
                    ? com.mongodb.client.model.Filters.and(byPerson, com.mongodb.client.model.Filters.in(TEXT_TOKENS, cipher.wordTokens(w)))
                    : byPerson;
            return entries.find(filter)
                    .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("_id")))
                    .map(this::toEntry)
                    .into(new ArrayList<>()).stream()
                    .filter(e -> FieldCipher.words(e.text()).contains(w))
                    .limit(limit)
                    .toList();
        });
    }

    /** A copy of a raw document with its text opened and the key id left out: for the person's own export. */
    Document opened(Document d) {
        Document copy = new Document(d);
        copy.put("text", openText(d));
        copy.remove(TEXT_KEY);
        copy.remove(TEXT_TOKENS);
        return copy;
    }

    private String openText(Document d) {
        String keyId = d.getString(TEXT_KEY);
        String text = d.getString("text");
        return keyId == null || text == null ? text : cipher.open(new FieldCipher.Sealed(keyId, text), d.getString("_id"));
    }

    private static String source(String personId, String sourceKey) {
        return personId + "|" + sourceKey;
    }

    private Document toDocument(LogEntry e) {
        Document d = new Document("_id", e.id()).append("personId", e.personId()).append("schoolId", e.schoolId())
                .append("kind", e.kind()).append("module", e.module()).append("week", e.week())
                .append("text", e.text()).append("createdAt", Date.from(e.createdAt()))
                .append("shared", e.shared()).append("sourceKey", e.sourceKey())
                .append("source", source(e.personId(), e.sourceKey()));
        if (cipher.enabled() && e.text() != null) {
            FieldCipher.Sealed sealed = cipher.seal(e.text(), e.id());
            d.append("text", sealed.value()).append(TEXT_KEY, sealed.keyId()).append(TEXT_TOKENS, tokens(e.text()));
        }
        return d;
    }

    private LogEntry toEntry(Document d) {
        return new LogEntry(d.getString("_id"), d.getString("personId"), d.getString("schoolId"), d.getString("kind"),
                d.getInteger("module", 0), d.getInteger("week", 0), openText(d), d.getDate("createdAt").toInstant(),
                d.getBoolean("shared", false), d.getString("sourceKey"));
    }
}
