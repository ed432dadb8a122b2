package uk.ectmentor.core.storage;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The embedded store's stand-in for a lookup (non-unique) index, which mongo-java-server does not build: for the
 * index's first field, the {@code _id}s of the documents holding each string or boolean value (or an array element
 * of one), in memory, rebuilt from the documents when the store opens.
 *
 * <p>It only narrows a query: {@link EmbeddedH2Backend} asks it for the {@code _id}s that may match an equality
 * on that field and checks the whole query on each of those documents, so an answer is the same as from reading
 * every document. Other value types are not indexed and a query on them reads every document, as before; the
 * stock planner never chooses this index ({@link #canHandle} is false).
 */
final class EqualityIndex extends Index<Object> {
    private static final String ID = "_id";

    private final String field;
    private final Map<Object, Set<Object>> idsByValue = new HashMap<>();
    private long entries;

    EqualityIndex(String name, List<IndexKey> keys) {
        super(name, keys, true); // sparse: a document without the field has no entry, and removal needs none
        this.field = keys.get(0).getKey();
    }

    String field() {
        return field;
    }

    /** Whether a query value can be answered here: an equality on a string or a boolean. */
    static boolean indexable(Object value) {
        return value instanceof String || value instanceof Boolean;
    }

    /** The {@code _id}s of the documents whose field is, or is an array holding, {@code value}. */
    synchronized Set<Object> ids(Object value) {
        Set<Object> ids = idsByValue.get(value);
        return ids == null ? Set.of() : Set.copyOf(ids);
    }

    /** How many documents hold {@code value}: the planner takes the narrowest of a query's equalities. */
    synchronized int count(Object value) {
        Set<Object> ids = idsByValue.get(value);
        return ids == null ? 0 : ids.size();
    }

    private Set<Object> values(Document document) {
        if (field.contains(".") || !document.containsKey(field)) {
            return Set.of();
        }
        Object value = document.get(field);
        if (indexable(value)) {
            return Set.of(value);
        }
        if (value instanceof Collection<?> elements) {
            Set<Object> out = new HashSet<>();
            for (Object element : elements) {
                if (indexable(element)) {
                    out.add(element);
                }
            }
            return out;
        }
        return Set.of();
    }

    private void put(Document document) {
        Object id = document.get(ID);
        if (id == null) {
            return;
        }
        for (Object value : values(document)) {
            if (idsByValue.computeIfAbsent(value, v -> new HashSet<>()).add(id)) {
                entries++;
            }
        }
    }

    private void take(Document document) {
        Object id = document.get(ID);
        for (Object value : values(document)) {
            Set<Object> ids = idsByValue.get(value);
            if (ids != null && ids.remove(id)) {
                entries--;
                if (ids.isEmpty()) {
                    idsByValue.remove(value);
                }
            }
        }
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        put(document);
    }

    @Override
    public synchronized Object remove(Document document) {
        take(document);
        return null;
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        take(oldDocument);
        put(newDocument);
    }

    @Override
    public synchronized long getCount() {
        return entries;
    }

    @Override
    public synchronized void drop() {
        idsByValue.clear();
        entries = 0;
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
    }

    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("answered through EmbeddedH2Backend's planner");
    }

    @Override
    public long getDataSize() {
        return 0;
    }
}
