package uk.ectmentor.core.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The embedded store's stand-in for a lookup (non-unique) index, which mongo-java-server does not build: for each
 * leading part of the index's fields ({@code pending}, then {@code pending, platform}, ...), the {@code _id}s of
 * the documents holding each combination of string or boolean values (an array counts as each of its elements),
 * in memory, rebuilt from the documents when the store opens.
 *
 * <p>It only narrows a query: {@link EmbeddedH2Backend} asks it for the {@code _id}s that may match equalities on
 * the longest leading part the query gives and checks the whole query on each of those documents, so an answer is
 * the same as from reading every document. Other value types are not indexed and a query on them reads every
 * document, as before; the stock planner never chooses this index ({@link #canHandle} is false).
 *
 * <p>The fields after the first of a compound index also keep each document's value when it is a single date or
 * number ({@code at} in {@code pending, platform, at}), so {@link #ordered} can put candidates in that field's
 * order without reading them: a query sorted on it with a limit reads documents in order until it has enough.
 */
final class EqualityIndex extends Index<Object> {
    private static final String ID = "_id";

    /** The index's fields up to the first dotted one (a sub-document path, not indexed here). */
    private final List<String> fields;
    /** Per leading part (index 0: the first field alone), values to {@code _id}s. */
    private final List<Map<List<Object>, Set<Object>>> byPrefix = new ArrayList<>();
    private long entries;
    /** Per field after the first: each document's value of it, when a single date or number. */
    private final Map<String, Map<Object, Object>> sortValues = new HashMap<>();

    EqualityIndex(String name, List<IndexKey> keys) {
        super(name, keys, true); // sparse: a document without the fields has no entry, and removal needs none
        List<String> leading = new ArrayList<>();
        for (IndexKey key : keys) {
            if (key.getKey().contains(".")) {
                break;
            }
            if (!leading.isEmpty()) {
                sortValues.put(key.getKey(), new HashMap<>());
            }
            leading.add(key.getKey());
            byPrefix.add(new HashMap<>());
        }
        this.fields = List.copyOf(leading);
    }

    /** Whether a query value can be answered here: an equality on a string or a boolean. */
    static boolean indexable(Object value) {
        return value instanceof String || value instanceof Boolean;
    }

    /** The {@code _id}s that may match {@code equalities} (field to condition), or null when none applies. */
    synchronized Set<Object> candidates(Map<String, Object> equalities) {
        List<Object> key = new ArrayList<>();
        for (String field : fields) {
            Object wanted = equalities.get(field);
            if (!indexable(wanted)) {
                break;
            }
            key.add(wanted);
        }
        if (key.isEmpty()) {
            return null;
        }
        Set<Object> ids = byPrefix.get(key.size() - 1).get(key);
        return ids == null ? Set.of() : Set.copyOf(ids);
    }

    /**
     * The candidates for {@code equalities} (as {@link #candidates}) in the order of {@code field}, ascending or
     * not, when this index keeps that field's value for every one of them; else null.
     */
    synchronized List<Object> ordered(Map<String, Object> equalities, String field, boolean ascending) {
        Map<Object, Object> values = sortValues.get(field);
        Set<Object> ids = values == null ? null : candidates(equalities);
        if (ids == null || !values.keySet().containsAll(ids)) {
            return null;
        }
        Comparator<Object> order = ascending ? ValueComparator.asc() : ValueComparator.desc();
        List<Object> out = new ArrayList<>(ids);
        out.sort((a, b) -> order.compare(values.get(a), values.get(b)));
        return out;
    }

    /** Whether a value can order candidates here: one date or number (not an array, a document or null). */
    private static boolean sortable(Object value) {
        return value instanceof java.util.Date || value instanceof java.time.Instant || value instanceof Number;
    }

    /** The indexable values of each field, in order, stopping at the first field that has none. */
    private List<Set<Object>> values(Document document) {
        List<Set<Object>> out = new ArrayList<>();
        for (String field : fields) {
            Set<Object> values = new HashSet<>();
            Object value = document.get(field);
            if (indexable(value)) {
                values.add(value);
            } else if (value instanceof Collection<?> elements) {
                elements.stream().filter(EqualityIndex::indexable).forEach(values::add);
            }
            if (values.isEmpty()) {
                break;
            }
            out.add(values);
        }
        return out;
    }

    /** Every combination of one value per field for the first {@code length} fields. */
    private static List<List<Object>> combinations(List<Set<Object>> values, int length) {
        List<List<Object>> out = List.of(List.of());
        for (int i = 0; i < length; i++) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> start : out) {
                for (Object value : values.get(i)) {
                    List<Object> longer = new ArrayList<>(start);
                    longer.add(value);
                    next.add(longer);
                }
            }
            out = next;
        }
        return out;
    }

    private void put(Document document) {
        Object id = document.get(ID);
        if (id == null) {
            return;
        }
        sortValues.forEach((field, byId) -> {
            Object value = document.get(field);
            if (sortable(value)) {
                byId.put(id, value);
            }
        });
        List<Set<Object>> values = values(document);
        for (int length = 1; length <= values.size(); length++) {
            for (List<Object> key : combinations(values, length)) {
                if (byPrefix.get(length - 1).computeIfAbsent(key, k -> new HashSet<>()).add(id)) {
                    entries++;
                }
            }
        }
    }

    private void take(Document document) {
        Object id = document.get(ID);
        sortValues.values().forEach(byId -> byId.remove(id));
        List<Set<Object>> values = values(document);
        for (int length = 1; length <= values.size(); length++) {
            Map<List<Object>, Set<Object>> map = byPrefix.get(length - 1);
            for (List<Object> key : combinations(values, length)) {
                Set<Object> ids = map.get(key);
                if (ids != null && ids.remove(id)) {
                    entries--;
                    if (ids.isEmpty()) {
                        map.remove(key);
                    }
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
        byPrefix.forEach(Map::clear);
        sortValues.values().forEach(Map::clear);
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
