package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import uk.ectmentor.core.trust.FieldCipher;

/**
 * Free text at rest in the mentoring records, sealed with AES-GCM like the learning log: each value is stored as
 * {@code sealed:<key id>:<base64>} and bound to its record id and field path, so it can't be moved to another
 * record or field. What is filtered or sorted on (ids, module, week, status, dates) stays in the clear. With
 * encryption off, values are stored as given; plain values written before encryption was on still read, and
 * {@link #reencrypt} seals them.
 *
 * <p>A path is a field ({@code text}), every value of a sub-document ({@code notes.*}), or a field of every
 * element of a list of sub-documents ({@code ratings[].evidence}).
 */
final class SealedFields {
    static final String PREFIX = "sealed:";

    /** The free-text fields of each collection. */
    static final Map<String, List<String>> FIELDS = Map.of(
            "actions", List.of("text", "outcome", "successCriteria"),
            "meetings", List.of("notes.*"),
            "meeting_reviews", List.of("actionText", "did", "impact", "next"),
            "contracts", List.of("answers.*"),
            "audits", List.of("ratings[].evidence"),
            "actionPlans", List.of("targets[].text"));

    private final FieldCipher cipher;

    SealedFields(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** One value sealed for this record and path (as is with encryption off). */
    String seal(String plain, Object recordId, String path) {
        if (plain == null || !cipher.enabled()) {
            return plain;
        }
        FieldCipher.Sealed s = cipher.seal(plain, recordId + "|" + path);
        return PREFIX + s.keyId() + ":" + s.value();
    }

    /** One stored value opened (a plain value is returned as it is). */
    String open(String stored, Object recordId, String path) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            return stored;
        }
        return cipher.open(new FieldCipher.Sealed(stored.substring(PREFIX.length(), colon), stored.substring(colon + 1)),
                recordId + "|" + path);
    }

    /** A copy of {@code d} with the collection's free-text fields sealed. */
    Document seal(String collection, Document d) {
        return map(collection, d, (value, path) -> seal(value, d.get("_id"), path));
    }

    /** A copy of {@code d} with the collection's free-text fields opened. */
    Document open(String collection, Document d) {
        return d == null ? null : map(collection, d, (value, path) -> open(value, d.get("_id"), path));
    }

    /** The opener of each collection, for the person's own export. */
    Map<String, UnaryOperator<Document>> openers() {
        Map<String, UnaryOperator<Document>> out = new java.util.HashMap<>();
        FIELDS.keySet().forEach(c -> out.put(c, d -> open(c, d)));
        return out;
    }

    /**
     * Re-seals, under the current key, every record of these collections holding a value sealed under another key
     * or not sealed at all. Each record is replaced only if its text fields are still as read.
     *
     * @return how many records were re-sealed
     */
    int reencrypt(MongoDatabase db) {
        if (!cipher.enabled()) {
            return 0;
        }
        int n = 0;
        String current = PREFIX + cipher.currentKeyId() + ":";
        for (Map.Entry<String, List<String>> c : FIELDS.entrySet()) {
            MongoCollection<Document> coll = db.getCollection(c.getKey());
            for (Document d : coll.find().into(new ArrayList<>())) {
                List<String> stale = new ArrayList<>();
                map(c.getKey(), d, (value, path) -> {
                    if (value != null && !value.startsWith(current)) {
                        stale.add(path);
                    }
                    return value;
                });
                if (stale.isEmpty()) {
                    continue;
                }
                Document resealed = seal(c.getKey(), open(c.getKey(), d));
                List<Bson> unchanged = new ArrayList<>();
                unchanged.add(eq("_id", d.get("_id")));
                for (String top : tops(c.getValue())) {
                    unchanged.add(eq(top, d.get(top)));
                }
                n += (int) coll.replaceOne(and(unchanged), resealed).getModifiedCount();
            }
        }
        return n;
    }

    private interface Op {
        String apply(String value, String path);
    }

    private static Set<String> tops(List<String> paths) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : paths) {
            out.add(p.split("[.\\[]", 2)[0]);
        }
        return out;
    }

    private static Document map(String collection, Document d, Op op) {
        Document out = new Document(d);
        for (String path : FIELDS.getOrDefault(collection, List.of())) {
            if (path.endsWith(".*")) {
                String field = path.substring(0, path.length() - 2);
                Object sub = d.get(field);
                if (sub instanceof Document) {
                    Document copy = new Document();
                    ((Document) sub).forEach((k, v) -> copy.append(k, v instanceof String ? op.apply((String) v, field + "." + k) : v));
                    out.put(field, copy);
                }
            } else if (path.contains("[].")) {
                String field = path.substring(0, path.indexOf("[]."));
                String inner = path.substring(path.indexOf("[].") + 3);
                Object list = d.get(field);
                if (list instanceof List) {
                    List<Object> copy = new ArrayList<>();
                    int i = 0;
                    for (Object o : (List<?>) list) {
                        if (o instanceof Document) {
                            Document e = new Document((Document) o);
                            Object v = e.get(inner);
                            if (v instanceof String) {
                                e.put(inner, op.apply((String) v, field + "." + i + "." + inner));
                            }
                            copy.add(e);
                        } else {
                            copy.add(o);
                        }
                        i++;
                    }
                    out.put(field, copy);
                }
            } else {
                Object v = d.get(path);
                if (v instanceof String) {
                    out.put(path, op.apply((String) v, path));
                }
            }
        }
        return out;
    }
}
