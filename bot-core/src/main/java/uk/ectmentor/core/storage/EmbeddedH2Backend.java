package uk.ectmentor.core.storage;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's backend: mongo-java-server's H2 (MVStore) backend with two changes, and the same
 * file layout, so a store written by either opens in the other.
 *
 * <ul>
 *   <li><b>Durable acknowledgements.</b> On disk, each command that may have written is committed before its
 *       reply goes back to the driver (the stock backend commits about once a second, so a kill loses the last
 *       second of acknowledged writes). Reads are not committed: a commit takes the store's lock.</li>
 *   <li><b>Compare-and-set by {@code _id} reads one document.</b> The stock planner uses the {@code _id} index
 *       only for a query on {@code _id} alone; {@code {_id: k, pending: true}} or
 *       {@code {$and: [{_id: k}, ...]}}, the shape of every claim and conditional update here, read the whole
 *       collection under the database's lock. Here any query with an {@code _id} equality (or {@code $in})
 *       among its conjuncts takes its candidates from the index and checks the whole query on each, so it
 *       answers exactly as before, from one document instead of all of them.</li>
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
     * The {@code _id} condition among a query's conjuncts (its top-level fields and, recursively, the members of
     * a top-level {@code $and}), as a query on {@code _id} alone; null when there is none.
     */
    static Document idConjunct(Document query) {
        if (query.containsKey(ID)) {
            return new Document(ID, query.get(ID));
        }
        if (query.get("$and") instanceof List<?> members) {
            for (Object member : members) {
                if (member instanceof Document conjunct) {
                    Document found = idConjunct(conjunct);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    /** Non-static: the stock constructor opens the existing collections before a subclass's fields are set. */
    private final class Database extends H2Database {
        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        /** The stock method with the same map names, building the planned collection. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(name);
            return new IdPlannedCollection(this, name, options, getMvStore().openMap("databases." + namespace),
                    getMvStore().openMap("meta." + namespace), cursorRegistry);
        }
    }

    static final class IdPlannedCollection extends H2Collection {
        /** Documents checked against a query: what the planner saves, for tests and benchmarks. */
        final LongAdder documentsChecked = new LongAdder();

        IdPlannedCollection(MongoDatabase database, String name, CollectionOptions options,
                org.h2.mvstore.MVMap<Object, Document> data, org.h2.mvstore.MVMap<String, Object> meta,
                CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            Document byId = query.size() == 1 && query.containsKey(ID) ? null : idConjunct(query);
            if (byId != null) {
                for (Index<Object> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize,
                                fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            documentsChecked.increment();
            return super.documentMatchesQuery(document, query);
        }
    }
}
