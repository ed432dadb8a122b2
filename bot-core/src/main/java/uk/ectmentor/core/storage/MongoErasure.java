package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.bson.Document;
import org.bson.conversions.Bson;
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

    /**
     * Which values a target's field is matched against, all worked out before anything is erased: the
     * person's id, or records reached through it (the pairings where they are the ECT, their platform
     * identities, their nudges).
     */
    enum Key {
        /** The person id itself. */
        PERSON,
        /** Ids of the pairings where the person is the ECT: per-pairing records are the ECT's induction record. */
        ECT_PAIRINGS,
        /** Keys ({@code platform:tenant:user}) of the person's platform identities. */
        IDENTITIES,
        /** {@code ref:} + identity key: conversation state kept while they were still a stranger. */
        STRANGER_STATES,
        /** The user ids of their web chat identities (the web inbox is keyed by handle). */
        WEB_HANDLES,
        /** Ids of their nudges and of every nudge planned for a pairing where they are the ECT. */
        NUDGES,
        /** Claim ids of those nudges ({@code nudge id # generation}). */
        NUDGE_LEASES
    }

    /** One place a person's records live: a collection, the field holding the key, and what to do. */
    record Target(String collection, String field, How how, Key key) {
        Target(String collection, String field, How how) {
            this(collection, field, how, Key.PERSON);
        }

        static Target delete(String collection, String field) {
            return new Target(collection, field, How.DELETE, Key.PERSON);
        }

        static Target delete(String collection, String field, Key key) {
            return new Target(collection, field, How.DELETE, key);
        }

        static Target replace(String collection, String field) {
            return new Target(collection, field, How.REPLACE_ID, Key.PERSON);
        }
    }

    /**
     * Every collection holding a person's records. Add a line here when a new one appears
     * ({@code PersonalDataCoverageTest} scans every collection after an erasure and fails on a forgotten one).
     *
     * <p>Per-pairing records (meetings, pre-meeting reviews, the contract, the nudge plan) are the ECT's
     * induction record: they go when the ECT is erased; when the mentor is erased they stay with the ECT and
     * only the mentor's id is taken out. The audit trail is the school's record of who did what: an erased
     * person's id is taken out of it, and the erasure itself is then recorded by id (so the school can show
     * it was done).
     */
    static final List<Target> TARGETS = List.of(
            Target.delete("learningLog", "personId"),
            Target.delete("actions", "ectId"),
            Target.delete("actions", "pairingId", Key.ECT_PAIRINGS),
            Target.delete("meetings", "ectId"),
            Target.delete("meetings", "pairingId", Key.ECT_PAIRINGS),
            Target.replace("meetings", "mentorId"),
            Target.delete("meeting_reviews", "ectId"),
            Target.delete("meeting_reviews", "pairingId", Key.ECT_PAIRINGS),
            Target.delete("contracts", "_id", Key.ECT_PAIRINGS),
            Target.replace("contracts", "recordedBy"),
            Target.delete("invites", "inviterId"),
            Target.replace("invites", "usedBy"),
            Target.delete("codeAttempts", "who"),
            Target.delete("codeAttempts", "who", Key.STRANGER_STATES),
            Target.delete("audits", "personId"),
            Target.delete("actionPlans", "personId"),
            Target.delete("nudgePreferences", "_id"),
            Target.delete("linkCodes", "personId"),
            Target.delete("nudgeDeliveries", "nudgeId", Key.NUDGES),
            Target.delete("nudgeLeases", "_id", Key.NUDGE_LEASES),
            Target.delete("nudges", "_id", Key.NUDGES),
            Target.delete("nudgePlans", "_id", Key.ECT_PAIRINGS),
            Target.delete("conversation_refs", "_id", Key.IDENTITIES),
            Target.delete("undeliverableIdentities", "_id", Key.IDENTITIES),
            Target.delete("inboundDeliveries", "identity", Key.IDENTITIES),
            Target.delete("webInbox", "handle", Key.WEB_HANDLES),
            Target.delete("conversations", "_id"),
            Target.delete("conversations", "_id", Key.STRANGER_STATES),
            Target.replace("auditTrail", "actorId"),
            Target.replace("auditTrail", "subject"),
            Target.delete("identities", "personId"),
            Target.delete("pairings", "ectId"),
            Target.replace("pairings", "mentorId"),
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
            Map<Key, List<String>> keys = keys(personId);
            Map<String, Map<Object, Map<String, Object>>> found = new LinkedHashMap<>();
            for (Target t : targets) {
                List<String> values = keys.get(t.key());
                if (values.isEmpty()) {
                    continue;
                }
                UnaryOperator<Document> open = openers.getOrDefault(t.collection(), UnaryOperator.identity());
                for (Document d : db.getCollection(t.collection()).find(in(t.field(), values)).sort(Sorts.ascending("_id"))) {
                    found.computeIfAbsent(t.collection(), k -> new LinkedHashMap<>()).putIfAbsent(d.get("_id"), plain(open.apply(d)));
                }
            }
            Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
            found.forEach((c, docs) -> out.put(c, new ArrayList<>(docs.values())));
            return out;
        });
    }

    @Override
    public Map<String, Long> erase(String personId) {
        return Mongo.call(() -> {
            Map<Key, List<String>> keys = keys(personId);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Target t : targets) {
                List<String> values = keys.get(t.key());
                long n = 0;
                if (!values.isEmpty()) {
                    if (t.how() == How.DELETE) {
                        n = db.getCollection(t.collection()).deleteMany(in(t.field(), values)).getDeletedCount();
                    } else {
                        n = db.getCollection(t.collection()).updateMany(eq(t.field(), personId), Updates.set(t.field(), ERASED))
                                .getModifiedCount();
                    }
                }
                counts.merge(t.collection(), n, Long::sum);
            }
            return counts;
        });
    }

    /** Every key a target can match on, worked out from the records as they are before erasure starts. */
    private Map<Key, List<String>> keys(String personId) {
        Map<Key, List<String>> keys = new EnumMap<>(Key.class);
        keys.put(Key.PERSON, List.of(personId));
        List<String> pairings = ids(db.getCollection("pairings").find(eq("ectId", personId)));
        keys.put(Key.ECT_PAIRINGS, pairings);
        List<String> identities = new ArrayList<>();
        List<String> strangers = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        for (Document d : db.getCollection("identities").find(eq("personId", personId))) {
            String key = String.valueOf(d.get("_id"));
            identities.add(key);
            strangers.add("ref:" + key);
            if ("web".equals(d.getString("platform")) && d.getString("userId") != null) {
                handles.add(d.getString("userId"));
            }
        }
        keys.put(Key.IDENTITIES, identities);
        keys.put(Key.STRANGER_STATES, strangers);
        keys.put(Key.WEB_HANDLES, handles);
        List<String> nudges = new ArrayList<>();
        List<String> leases = new ArrayList<>();
        Bson whose = pairings.isEmpty() ? eq("personId", personId) : or(eq("personId", personId), in("pairingId", pairings));
        for (Document d : db.getCollection("nudges").find(whose)) {
            String id = String.valueOf(d.get("_id"));
            nudges.add(id);
            Object gen = d.get("gen");
            long last = gen instanceof Number ? ((Number) gen).longValue() : 0;
            for (long g = 0; g <= last; g++) {
                leases.add(id + "#" + g);
            }
        }
        keys.put(Key.NUDGES, nudges);
        keys.put(Key.NUDGE_LEASES, leases);
        return keys;
    }

    private static List<String> ids(Iterable<Document> docs) {
        List<String> out = new ArrayList<>();
        for (Document d : docs) {
            out.add(String.valueOf(d.get("_id")));
        }
        return out;
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
