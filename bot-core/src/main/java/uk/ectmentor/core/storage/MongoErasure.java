package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.eq;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.bson.Document;
import org.bson.types.Binary;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import uk.ectmentor.core.rights.PersonalDataStore;

/**
 * Export and erasure of one person's records across every collection that holds them. The collections are
 * listed once, in {@link #TARGETS}: a feature that adds a collection keyed by a person adds one line there,
 * and both "my data" and "delete my data" cover it.
 *
 * <p>No transactions (the embedded server has none): each collection is cleared in turn, and erasing twice
 * is harmless, so an interrupted erasure is finished by running it again.
 */
public final class MongoErasure implements PersonalDataStore {
    /** Put in place of an erased mentor's id on their ECT's pairing, which stays the ECT's. */
    public static final String ERASED = "erased";

    /** What to do with a matching record: delete it, or only take the person's id out of it. */
    enum How { DELETE, REPLACE_ID }

    /** One place a person's records live: a collection and the field holding their person id. */
    record Target(String collection, String field, How how) {
        static Target delete(String collection, String field) {
            return new Target(collection, field, How.DELETE);
        }
    }

    /** Every collection keyed by a person. Add a line here when a new one appears. */
    static final List<Target> TARGETS = List.of(
            Target.delete("learningLog", "personId"),
            Target.delete("actions", "ectId"),
            Target.delete("conversations", "_id"),
            Target.delete("identities", "personId"),
            Target.delete("pairings", "ectId"),
            new Target("pairings", "mentorId", How.REPLACE_ID),
            Target.delete("retention", "_id"),
            Target.delete("persons", "_id"));

    private final MongoDatabase db;
    private final List<Target> targets;
    private final Map<String, UnaryOperator<Document>> openers;

    MongoErasure(MongoDatabase db, List<Target> targets, Map<String, UnaryOperator<Document>> openers) {
        this.db = db;
        this.targets = List.copyOf(targets);
        this.openers = Map.copyOf(openers);
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(String personId) {
        return Mongo.call(() -> {
            Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
            for (Target t : targets) {
                UnaryOperator<Document> open = openers.getOrDefault(t.collection(), UnaryOperator.identity());
                List<Map<String, Object>> docs = db.getCollection(t.collection()).find(eq(t.field(), personId))
                        .sort(Sorts.ascending("_id"))
                        .map(d -> plain(open.apply(d)))
                        .into(new ArrayList<>());
                if (!docs.isEmpty()) {
                    out.computeIfAbsent(t.collection(), k -> new ArrayList<>()).addAll(docs);
                }
            }
            return out;
        });
    }

    @Override
    public Map<String, Long> erase(String personId) {
        return Mongo.call(() -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Target t : targets) {
                long n;
                if (t.how() == How.DELETE) {
                    n = db.getCollection(t.collection()).deleteMany(eq(t.field(), personId)).getDeletedCount();
                } else {
                    n = db.getCollection(t.collection()).updateMany(eq(t.field(), personId), Updates.set(t.field(), ERASED))
                            .getModifiedCount();
                }
                counts.merge(t.collection(), n, Long::sum);
            }
            return counts;
        });
    }

    /** A document as plain Java values: dates as ISO strings, nested documents as maps. */
    private static Map<String, Object> plain(Document d) {
        Map<String, Object> out = new LinkedHashMap<>();
        d.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof Document) {
            return plain((Document) v);
        }
        if (v instanceof Date) {
            return ((Date) v).toInstant().toString();
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                out.add(value(o));
            }
            return out;
        }
        if (v instanceof Binary) {
            return java.util.Base64.getEncoder().encodeToString(((Binary) v).getData());
        }
        if (v instanceof org.bson.types.ObjectId) {
            return v.toString();
        }
        return v;
    }
}
