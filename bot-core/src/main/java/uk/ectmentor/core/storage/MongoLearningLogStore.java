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

/**
 * Learning log entries. The unique {@code source} key (person + what produced the entry) is what makes
 * a retried delivery land once, on real MongoDB and on the embedded server alike.
 */
final class MongoLearningLogStore implements LearningLogStore {
    private final MongoCollection<Document> entries;

    MongoLearningLogStore(MongoDatabase db) {
        this.entries = db.getCollection("learningLog");
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
                .map(MongoLearningLogStore::toEntry));
    }

    @Override
    public List<LogEntry> recent(String personId, int limit) {
        return Mongo.call(() -> entries.find(eq("personId", personId))
                .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("_id")))
                .limit(limit)
                .map(MongoLearningLogStore::toEntry)
                .into(new ArrayList<>()));
    }

    @Override
    public Optional<LogEntry> byId(String personId, String entryId) {
        return Mongo.call(() -> Optional.ofNullable(entries.find(and(eq("_id", entryId), eq("personId", personId))).first())
                .map(MongoLearningLogStore::toEntry));
    }

    @Override
    public List<LogEntry> sharedOf(String personId, int limit) {
        return Mongo.call(() -> entries.find(and(eq("personId", personId), eq("shared", true)))
                .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("_id")))
                .limit(limit)
                .map(MongoLearningLogStore::toEntry)
                .into(new ArrayList<>()));
    }

    @Override
    public Optional<LogEntry> setShared(String personId, String entryId, boolean shared) {
        return Mongo.call(() -> Optional.ofNullable(entries.findOneAndUpdate(and(eq("_id", entryId), eq("personId", personId)),
                Updates.set("shared", shared), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(MongoLearningLogStore::toEntry));
    }

    @Override
    public Optional<LogEntry> updateText(String personId, String entryId, String text) {
        return Mongo.call(() -> Optional.ofNullable(entries.findOneAndUpdate(and(eq("_id", entryId), eq("personId", personId)),
                Updates.set("text", text), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(MongoLearningLogStore::toEntry));
    }

    @Override
    public boolean delete(String personId, String entryId) {
        return Mongo.call(() -> entries.deleteOne(and(eq("_id", entryId), eq("personId", personId))).getDeletedCount() > 0);
    }

    private static String source(String personId, String sourceKey) {
        return personId + "|" + sourceKey;
    }

    private static Document toDocument(LogEntry e) {
        return new Document("_id", e.id()).append("personId", e.personId()).append("schoolId", e.schoolId())
                .append("kind", e.kind()).append("module", e.module()).append("week", e.week())
                .append("text", e.text()).append("createdAt", Date.from(e.createdAt()))
                .append("shared", e.shared()).append("sourceKey", e.sourceKey())
                .append("source", source(e.personId(), e.sourceKey()));
    }

    private static LogEntry toEntry(Document d) {
        return new LogEntry(d.getString("_id"), d.getString("personId"), d.getString("schoolId"), d.getString("kind"),
                d.getInteger("module", 0), d.getInteger("week", 0), d.getString("text"), d.getDate("createdAt").toInstant(),
                d.getBoolean("shared", false), d.getString("sourceKey"));
    }
}
