package uk.ectmentor.core.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's backend: mongo-java-server's H2 (MVStore) backend with six changes, and the same
 * collection maps, so a store the stock backend wrote opens here.
 *
 * <ul>
 *   <li><b>Durable acknowledgements.</b> On disk, each command that may have written is committed before its
 *       reply goes back to the driver (the stock backend commits about once a second, so a kill loses the last
 *       second of acknowledged writes). Reads are not committed: a commit takes the store's lock. The commit runs
 *       on the calling thread: {@link EmbeddedMongo} opens the file with H2's background writer off.</li>
 *   <li><b>Compare-and-set by {@code _id} reads one document.</b> The stock planner uses the {@code _id} index
 *       only for a query on {@code _id} alone; {@code {_id: k, pending: true}} or
 *       {@code {$and: [{_id: k}, ...]}}, the shape of every claim and conditional update here, read the whole
 *       collection under the collection's lock. Here any query with an {@code _id} equality (or {@code $in})
 *       among its conjuncts takes its candidates from the index and checks the whole query on each, so it
 *       answers exactly as before, from one document instead of all of them.</li>
 *   <li><b>Lookup indexes.</b> The stock backend builds no non-unique index; here each is an {@link EqualityIndex}
 *       on its leading fields, so a query with equalities on them (a person's log entries, the messages still
 *       pending on one platform) reads those documents only.</li>
 *   <li><b>Unique indexes in memory.</b> Each is a {@link HeapUniqueIndex}, rebuilt from the documents when the
 *       store opens, instead of an MVStore map that H2 writes and compares by Java serialization. Commits write
 *       the documents' pages only.</li>
 *   <li><b>Documents stored as BSON</b> ({@link BsonDocumentType}) instead of in Java serialization, which was
 *       most of what a commit allocated. Documents written the old way are still read.</li>
 *   <li><b>Updates replace documents, never change them in place.</b> The stock update copies the new values
 *       into the stored document one field at a time. Meanwhile another command's commit may write that
 *       document's page (a crash before the update's own commit would leave it half-applied on disk), and a
 *       reply still being encoded from that document outside the collection's lock sees it change. Here the
 *       update is applied to a copy, which then replaces the stored document in one step.</li>
 * </ul>
 */
final class EmbeddedH2Backend extends H2Backend {
    /** Commands that never change data; any other command (including unknown ones) is committed. */
    static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections", "listindexes",
            "listdatabases", "hello", "ismaster", "ping", "buildinfo", "serverstatus", "killcursors", "endsessions",
            "dbstats", "collstats", "getlasterror", "whatsmyuri", "getparameter", "getlog", "connectionstatus");

    private static final String ID = "_id";

    EmbeddedH2Backend(MVStore store) {
        super(store);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            if (!isInMemory() && !READS.contains(command.toLowerCase(Locale.ROOT))) {
                commit();
            }
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
        return new Database(name, getMvStore(), getCursorRegistry());
    }

    /**
     * The field equalities among a query's conjuncts (its top-level fields and, recursively, the members of a
     * top-level {@code $and}), field to condition; the first condition found for a field wins (all must hold).
     */
    static Map<String, Object> conjuncts(Document query) {
        Map<String, Object> out = new LinkedHashMap<>();
        conjuncts(query, out);
        return out;
    }

    private static void conjuncts(Document query, Map<String, Object> out) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            if (condition.getKey().equals("$and") && condition.getValue() instanceof List<?> members) {
                for (Object member : members) {
                    if (member instanceof Document conjunct) {
                        conjuncts(conjunct, out);
                    }
                }
            } else if (!condition.getKey().startsWith("$")) {
                out.putIfAbsent(condition.getKey(), condition.getValue());
            }
        }
    }

    /** Non-static: the stock constructor opens the existing collections before a subclass's fields are set. */
    private final class Database extends H2Database {
        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        /**
         * A unique index, in memory ({@link HeapUniqueIndex}). A map the stock backend left for it in the file is
         * removed first: it would go stale here, and without it the stock backend rebuilds the index from the
         * documents, so the file still opens there.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collection, String name, List<IndexKey> keys,
                boolean sparse) {
            String storedMap = getFullCollectionNamespace(collection) + "._index_" + name;
            if (getMvStore().hasMap(storedMap)) {
                getMvStore().removeMap(storedMap);
            }
            return new HeapUniqueIndex(name, keys, sparse);
        }

        /** A lookup index, which the stock backend does not build (it adds an empty stand-in). */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collection, String name, List<IndexKey> keys,
                boolean sparse) {
            return new EqualityIndex(name, keys);
        }

        /** The stock method with the same map names, building the planned collection; documents as BSON. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(name);
            MVMap<Object, Document> documents = getMvStore().openMap("databases." + namespace,
                    new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
            return new PlannedCollection(this, name, options, documents, getMvStore().openMap("meta." + namespace),
                    cursorRegistry);
        }
    }

    static final class PlannedCollection extends H2Collection {
        /** Documents checked against a query: what the planner saves, for tests and benchmarks. */
        final LongAdder documentsChecked = new LongAdder();

        /** True while this collection updates documents (under its lock): the queries it runs then return copies. */
        private boolean updating;

        PlannedCollection(MongoDatabase database, String name, CollectionOptions options,
                MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        /** The stock update, applied to copies of the matched documents (see the class comment). */
        @Override
        public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                boolean multi, boolean upsert, Oplog oplog) {
            updating = true;
            try {
                return super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
            } finally {
                updating = false;
            }
        }

        /** The stock find-and-modify, applied to a copy of the matched document (see the class comment). */
        @Override
        public synchronized Document findAndModify(Document command) {
            updating = true;
            try {
                return super.findAndModify(command);
            } finally {
                updating = false;
            }
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            QueryResult result = plannedQuery(query, orderBy, skip, limit, batchSize, fieldSelector);
            if (!updating) {
                return result;
            }
            List<Document> copies = new ArrayList<>();
            for (Document document : result) {
                copies.add(document.cloneDeeply());
            }
            return new QueryResult(copies, result.getCursorId());
        }

        /**
         * Candidates from the {@code _id} index when a conjunct names the {@code _id} (or {@code _id $in}); else from
         * the {@link EqualityIndex} giving the fewest for the conjuncts' equalities; else every document. Each
         * candidate is checked against the whole query, so the answer is the stock one.
         */
        private QueryResult plannedQuery(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            if (query.size() == 1 && query.containsKey(ID)) {
                return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }
            Map<String, Object> equalities = conjuncts(query);
            Iterable<Object> candidates = equalities.containsKey(ID) ? byId(new Document(ID, equalities.get(ID))) : null;
            if (candidates == null) {
                Set<Object> narrowest = narrowest(equalities);
                if (narrowest != null && limit > 0) {
                    candidates = firstInOrder(query, equalities, orderBy, skip + limit, narrowest.size());
                }
                if (candidates == null && narrowest != null) {
                    candidates = byIds(narrowest);
                }
            }
            if (candidates == null) {
                return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }
            return matchDocuments(query, candidates, orderBy, skip, limit, batchSize, fieldSelector);
        }

        private Iterable<Object> byId(Document idQuery) {
            for (Index<Object> index : getIndexes()) {
                if (index.canHandle(idQuery)) {
                    return index.getPositions(idQuery);
                }
            }
            return null;
        }

        /** The positions of the documents with these {@code _id}s, through the {@code _id} index. */
        private Iterable<Object> byIds(Collection<Object> ids) {
            return ids.isEmpty() ? List.of() : byId(new Document(ID, new Document("$in", List.copyOf(ids))));
        }

        /**
         * For a query sorted on one field with a limit: when a lookup index orders its candidates on that field
         * ({@link EqualityIndex#ordered}) and has no more of them than the narrowest lookup index ({@code atMost}),
         * the first {@code wanted} candidates in that order that match, reading documents only until it has them;
         * else null. The stock path then sorts, skips and limits those as usual.
         */
        private Iterable<Object> firstInOrder(Document query, Map<String, Object> equalities, Document orderBy,
                int wanted, int atMost) {
            if (orderBy == null || orderBy.size() != 1 || !(orderBy.values().iterator().next() instanceof Number direction)) {
                return null;
            }
            String field = orderBy.keySet().iterator().next();
            for (Index<Object> index : getIndexes()) {
                List<Object> ordered = index instanceof EqualityIndex lookup
                        ? lookup.ordered(equalities, field, direction.intValue() >= 0) : null;
                if (ordered != null && ordered.size() <= atMost) {
                    List<Object> first = new ArrayList<>();
                    for (Object id : ordered) {
                        Document document = getDocument(id);
                        if (document != null && documentMatchesQuery(document, query)) {
                            first.add(id);
                            if (first.size() >= wanted) {
                                break;
                            }
                        }
                    }
                    return byIds(first);
                }
            }
            return null;
        }

        /** The fewest candidates any lookup index gives for the equalities, or null when none applies. */
        private Set<Object> narrowest(Map<String, Object> equalities) {
            Set<Object> narrowest = null;
            for (Index<Object> index : getIndexes()) {
                if (index instanceof EqualityIndex lookup) {
                    Set<Object> ids = lookup.candidates(equalities);
                    if (ids != null && (narrowest == null || ids.size() < narrowest.size())) {
                        narrowest = ids;
                    }
                }
            }
            return narrowest;
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            documentsChecked.increment();
            return super.documentMatchesQuery(document, query);
        }
    }
}
