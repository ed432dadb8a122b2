package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded backend answers every query exactly as the stock one does, reading one document where the query
 * names its {@code _id}, and keeps the stock file layout.
 */
class EmbeddedPlannerTest {
    private final List<MongoServer> servers = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        servers.forEach(MongoServer::shutdownNow);
    }

    private MongoCollection<Document> docs(MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        servers.add(server);
        MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
        clients.add(client);
        return client.getDatabase("planner").getCollection("docs");
    }

    /** Stops the last server started, which closes its backend and, on disk, writes its file. */
    private void shutDownLast() {
        clients.remove(clients.size() - 1).close();
        servers.remove(servers.size() - 1).shutdownNow();
    }

    private static List<Document> sample() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            docs.add(new Document("_id", String.format("k%03d", i)).append("pending", i % 3 != 0).append("n", i % 17)
                    .append("platform", i % 4 == 0 ? "teams" : "slack")
                    .append("tags", i % 2 == 0 ? List.of("x", "y") : i % 5 == 0 ? "x" : List.of("z"))
                    .append("meta", new Document("kind", i % 2 == 0 ? "a" : "b")));
        }
        docs.add(new Document("_id", 1).append("pending", true).append("n", 1));
        docs.add(new Document("_id", 2L).append("pending", true).append("n", 2));
        docs.add(new Document("_id", 3.0).append("pending", true).append("n", 3));
        docs.add(new Document("_id", new Document("a", 1).append("b", 2)).append("pending", true).append("n", 4));
        return docs;
    }

    /** Every shape of filter the stores use, and the edge cases of the {@code _id} equality. */
    private static List<Document> filters() {
        return List.of(
                Document.parse("{_id: 'k007', pending: true}"),
                Document.parse("{_id: 'k006', pending: true}"),
                Document.parse("{$and: [{_id: 'k008'}, {pending: true}]}"),
                Document.parse("{$and: [{$and: [{_id: 'k010'}]}, {pending: true}]}"),
                Document.parse("{$and: [{_id: {$in: ['k001', 'k002', 'k150', 'nope']}}, {n: {$gte: 1}}]}"),
                Document.parse("{_id: {$in: ['k001', 'k003']}, $or: [{pending: true}, {n: {$lt: 5}}]}"),
                Document.parse("{_id: {$gt: 'k190'}, pending: true}"),
                Document.parse("{$and: [{pending: true}, {_id: {$regex: '^k00'}}]}"),
                Document.parse("{_id: 'k012', $nor: [{pending: false}]}"),
                Document.parse("{_id: 'k011', tags: 'z'}"),
                Document.parse("{_id: 'missing', pending: true}"),
                Document.parse("{_id: null, pending: true}"),
                Document.parse("{_id: 3, pending: true}"),
                Document.parse("{_id: {$numberLong: '1'}, n: {$exists: true}}"),
                Document.parse("{_id: {a: 1, b: 2}, n: {$exists: true}}"),
                Document.parse("{_id: {b: 2, a: 1}, n: {$exists: true}}"),
                Document.parse("{$or: [{_id: 'k020'}, {_id: 'k021'}], pending: true}"),
                new Document("$and", List.of(Filters.eq("_id", "k013"), Filters.eq("pending", true)).stream()
                        .map(f -> Document.parse(f.toBsonDocument().toJson())).toList()),
                // equalities a lookup index serves, and ones it cannot
                Document.parse("{pending: true}"),
                Document.parse("{pending: false, n: {$lt: 4}}"),
                Document.parse("{$and: [{pending: true}, {platform: 'teams'}], n: {$gte: 10}}"),
                Document.parse("{platform: 'slack', pending: true}"),
                Document.parse("{tags: 'x'}"),
                Document.parse("{tags: 'x', pending: false}"),
                Document.parse("{tags: ['x', 'y']}"),
                Document.parse("{platform: 'nowhere'}"),
                Document.parse("{platform: {$in: ['slack']}, pending: true}"),
                Document.parse("{n: 3, pending: true}"),
                Document.parse("{$or: [{pending: true}, {n: 1}]}"),
                Document.parse("{pending: true, _id: {$gt: 'k150'}}"),
                Document.parse("{'meta.kind': 'a', pending: true}"));
    }

    @Test
    void everyFilterFindsUpdatesAndDeletesWhatTheStockBackendDoes() {
        MongoCollection<Document> stock = docs(H2Backend.inMemory());
        MongoCollection<Document> planned = docs(new EmbeddedH2Backend(new MVStore.Builder().open()));
        for (MongoCollection<Document> docs : List.of(stock, planned)) {
            docs.createIndex(Indexes.ascending("pending", "platform", "at"));
            docs.createIndex(Indexes.ascending("platform"));
            docs.createIndex(Indexes.ascending("tags"));
            docs.insertMany(sample());
        }

        assertSameAnswers(stock, planned);
        for (MongoCollection<Document> docs : List.of(stock, planned)) {
            docs.updateMany(Filters.regex("_id", "^k0[0-4]"), Updates.set("pending", false));
            docs.updateMany(Filters.regex("_id", "^k1[5-9]"), Updates.combine(Updates.set("platform", "teams"),
                    Updates.set("tags", List.of("x"))));
            docs.deleteMany(Filters.regex("_id", "^k09"));
        }
        assertSameAnswers(stock, planned);

        for (Document filter : filters()) {
            assertThat(planned.deleteMany(filter).getDeletedCount()).as("deleted %s", filter.toJson())
                    .isEqualTo(stock.deleteMany(filter).getDeletedCount());
        }
        assertThat(planned.countDocuments()).isEqualTo(stock.countDocuments()).isLessThan(sample().size());
    }

    private void assertSameAnswers(MongoCollection<Document> stock, MongoCollection<Document> planned) {
        for (Document filter : filters()) {
            String shape = filter.toJson();
            assertThat(planned.find(filter).sort(new Document("n", -1).append("_id", 1)).into(new ArrayList<>()))
                    .as("find %s", shape)
                    .isEqualTo(stock.find(filter).sort(new Document("n", -1).append("_id", 1)).into(new ArrayList<>()));
            assertThat(planned.find(filter).sort(new Document("_id", -1)).limit(1).into(new ArrayList<>()))
                    .as("find one %s", shape)
                    .isEqualTo(stock.find(filter).sort(new Document("_id", -1)).limit(1).into(new ArrayList<>()));
            assertThat(planned.countDocuments(filter)).as("count %s", shape).isEqualTo(stock.countDocuments(filter));

            UpdateResult stockUpdate = stock.updateMany(filter, Updates.inc("touched", 1));
            UpdateResult plannedUpdate = planned.updateMany(filter, Updates.inc("touched", 1));
            assertThat(plannedUpdate.getMatchedCount()).as("updated %s", shape).isEqualTo(stockUpdate.getMatchedCount());
        }
        assertThat(planned.find().sort(new Document("_id", 1)).into(new ArrayList<>()))
                .isEqualTo(stock.find().sort(new Document("_id", 1)).into(new ArrayList<>()));
    }

    @Test
    void aCompareAndSetByIdChecksOneDocumentWhereAQueryWithoutItChecksThemAll() {
        EmbeddedH2Backend backend = new EmbeddedH2Backend(new MVStore.Builder().open());
        MongoCollection<Document> docs = docs(backend);
        docs.insertMany(sample());
        var collection = (EmbeddedH2Backend.PlannedCollection) backend.resolveDatabase("planner")
                .resolveCollection("docs", true);

        long before = collection.documentsChecked.sum();
        UpdateResult claim = docs.updateOne(Filters.and(Filters.eq("_id", "k100"), Filters.eq("pending", true),
                Filters.or(Filters.exists("owner", false), Filters.eq("owner", "a"))), Updates.set("owner", "b"));
        assertThat(claim.getModifiedCount()).isEqualTo(1);
        assertThat(collection.documentsChecked.sum() - before).as("documents checked by the claim").isEqualTo(1);

        before = collection.documentsChecked.sum();
        assertThat(docs.find(Filters.eq("owner", "b")).into(new ArrayList<>())).hasSize(1);
        assertThat(collection.documentsChecked.sum() - before).as("documents checked without an _id or an index")
                .isEqualTo(sample().size());
    }

    @Test
    void aLookupIndexNarrowsAQueryToTheDocumentsHoldingTheValueAndFollowsEveryWrite() {
        EmbeddedH2Backend backend = new EmbeddedH2Backend(new MVStore.Builder().open());
        MongoCollection<Document> docs = docs(backend);
        docs.insertMany(sample());
        docs.createIndex(Indexes.ascending("platform", "at")); // built over the documents already there
        var collection = (EmbeddedH2Backend.PlannedCollection) backend.resolveDatabase("planner")
                .resolveCollection("docs", true);
        long teams = sample().stream().filter(d -> "teams".equals(d.get("platform"))).count();

        long before = collection.documentsChecked.sum();
        assertThat((long) docs.find(Filters.and(Filters.eq("platform", "teams"), Filters.eq("pending", true)))
                .into(new ArrayList<>()).size()).isEqualTo(sample().stream().filter(d -> "teams".equals(d.get("platform")) && d.getBoolean("pending")).count());
        assertThat(collection.documentsChecked.sum() - before).as("documents checked").isEqualTo(teams);

        docs.createIndex(Indexes.ascending("pending", "platform", "at"));
        long teamsPending = sample().stream().filter(d -> "teams".equals(d.get("platform")) && d.getBoolean("pending")).count();
        before = collection.documentsChecked.sum();
        assertThat((long) docs.find(Filters.and(Filters.eq("pending", true), Filters.eq("platform", "teams")))
                .into(new ArrayList<>()).size()).isEqualTo(teamsPending);
        assertThat(collection.documentsChecked.sum() - before).as("documents checked with both fields indexed")
                .isEqualTo(teamsPending).isLessThan(teams);

        docs.updateOne(Filters.eq("_id", "k001"), Updates.set("platform", "teams"));
        docs.insertOne(new Document("_id", "new").append("platform", "teams"));
        docs.deleteOne(Filters.eq("_id", "k000"));
        docs.updateOne(Filters.eq("_id", "k004"), Updates.unset("platform"));
        before = collection.documentsChecked.sum();
        assertThat(docs.find(Filters.eq("platform", "teams")).map(d -> d.get("_id")).into(new ArrayList<>()))
                .contains("k001", "new").doesNotContain("k000", "k004").hasSize((int) teams + 2 - 2);
        assertThat(collection.documentsChecked.sum() - before).as("documents checked after the writes").isEqualTo(teams);
    }

    /** The recovery's query: pending on a platform, accepted before a time, unclaimed, oldest first, a batch. */
    @Test
    void aSortedQueryWithALimitReadsCandidatesInOrderUntilItHasEnough() {
        EmbeddedH2Backend backend = new EmbeddedH2Backend(new MVStore.Builder().open());
        MongoCollection<Document> planned = docs(backend);
        MongoCollection<Document> stock = docs(H2Backend.inMemory());
        java.time.Instant t0 = java.time.Instant.parse("2026-11-28T09:00:00Z");
        List<Document> messages = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Document d = new Document("_id", String.format("m%03d", i)).append("pending", i % 5 != 0)
                    .append("platform", i % 2 == 0 ? "slack" : "teams")
                    .append("at", java.util.Date.from(t0.plusSeconds((i * 7919L) % 400))); // distinct, shuffled
            if (i < 150) {
                d.append("claimUntil", java.util.Date.from(t0.plusSeconds(3600))); // the oldest are claimed
            }
            messages.add(d);
        }
        for (MongoCollection<Document> docs : List.of(planned, stock)) {
            docs.createIndex(Indexes.ascending("pending", "platform", "at"));
            docs.insertMany(messages);
        }
        var collection = (EmbeddedH2Backend.PlannedCollection) backend.resolveDatabase("planner")
                .resolveCollection("docs", true);
        java.util.Date now = java.util.Date.from(t0.plusSeconds(600));
        org.bson.conversions.Bson claimable = Filters.and(Filters.eq("pending", true), Filters.eq("platform", "slack"),
                Filters.lt("at", java.util.Date.from(t0.plusSeconds(390))),
                Filters.or(Filters.exists("claimUntil", false), Filters.lt("claimUntil", now)));
        long candidates = messages.stream().filter(d -> d.getBoolean("pending") && "slack".equals(d.get("platform"))).count();

        for (Document sort : List.of(new Document("at", 1), new Document("at", -1))) {
            for (int[] skipLimit : new int[][] {{0, 5}, {3, 10}, {0, 1000}}) {
                long before = collection.documentsChecked.sum();
                List<Document> got = planned.find(claimable).sort(sort).skip(skipLimit[0]).limit(skipLimit[1])
                        .into(new ArrayList<>());
                long checked = collection.documentsChecked.sum() - before;
                assertThat(got).as("%s skip %d limit %d", sort, skipLimit[0], skipLimit[1])
                        .isEqualTo(stock.find(claimable).sort(sort).skip(skipLimit[0]).limit(skipLimit[1])
                                .into(new ArrayList<>()))
                        .isNotEmpty();
                if (skipLimit[1] == 5 && sort.getInteger("at") == 1) {
                    assertThat(checked).as("documents checked for the oldest five").isLessThan(candidates);
                }
                assertThat(checked).isLessThanOrEqualTo(candidates + skipLimit[0] + skipLimit[1]);
            }
        }

        // a narrower lookup index wins over reading in order: only its candidates are read
        for (MongoCollection<Document> docs : List.of(planned, stock)) {
            docs.createIndex(Indexes.ascending("batch"));
            docs.updateMany(Filters.in("_id", "m012", "m022", "m032"), Updates.set("batch", "b1"));
        }
        org.bson.conversions.Bson inBatch = Filters.and(Filters.eq("pending", true), Filters.eq("platform", "slack"),
                Filters.eq("batch", "b1"));
        long beforeBatch = collection.documentsChecked.sum();
        assertThat(planned.find(inBatch).sort(new Document("at", 1)).limit(1).into(new ArrayList<>()))
                .isEqualTo(stock.find(inBatch).sort(new Document("at", 1)).limit(1).into(new ArrayList<>())).hasSize(1);
        assertThat(collection.documentsChecked.sum() - beforeBatch).as("documents checked through the batch index")
                .isLessThanOrEqualTo(3 + 1);

        // a candidate without a date to order by: every candidate is read, the answer is the same
        for (MongoCollection<Document> docs : List.of(planned, stock)) {
            docs.updateOne(Filters.eq("_id", "m002"), Updates.unset("at"));
            docs.updateOne(Filters.eq("_id", "m004"), Updates.set("at", List.of(1, 2)));
        }
        Document oldest = new Document("at", 1);
        org.bson.conversions.Bson pendingSlack = Filters.and(Filters.eq("pending", true), Filters.eq("platform", "slack"));
        long before = collection.documentsChecked.sum();
        assertThat(planned.find(pendingSlack).sort(oldest).limit(3).into(new ArrayList<>()))
                .isEqualTo(stock.find(pendingSlack).sort(oldest).limit(3).into(new ArrayList<>()));
        assertThat(collection.documentsChecked.sum() - before).isGreaterThanOrEqualTo(candidates);

        // writes move documents in the order: the earliest is now another one
        for (MongoCollection<Document> docs : List.of(planned, stock)) {
            docs.updateOne(Filters.eq("_id", "m002"), Updates.set("at", java.util.Date.from(t0.minusSeconds(60))));
            docs.updateOne(Filters.eq("_id", "m004"), Updates.set("at", java.util.Date.from(t0.minusSeconds(30))));
            docs.deleteOne(Filters.eq("_id", "m006"));
        }
        assertThat(planned.find(pendingSlack).sort(oldest).limit(3).map(d -> d.getString("_id")).into(new ArrayList<>()))
                .isEqualTo(stock.find(pendingSlack).sort(oldest).limit(3).map(d -> d.getString("_id")).into(new ArrayList<>()))
                .startsWith("m002", "m004");
    }

    /**
     * A file the stock backend wrote (documents in Java serialization, unique indexes as maps) opens here: its
     * documents are read, its unique indexes rebuilt in memory, and documents written or changed here (as BSON,
     * which the stock backend cannot read) sit beside the old ones and survive reopening.
     */
    @Test
    void aStoreWrittenByTheStockBackendOpensHereAndKeepsWorking(@TempDir Path dir) {
        String file = dir.resolve("store.mv").toString();
        H2Backend stock = new H2Backend(file);
        docs(stock).createIndex(Indexes.ascending("source"), new IndexOptions().unique(true));
        docs(stock).insertOne(new Document("_id", "from-stock").append("pending", true).append("source", "s1"));
        docs(stock).insertOne(new Document("_id", "stock-changed").append("pending", true).append("source", "s3"));
        shutDownLast();

        EmbeddedH2Backend planned = new EmbeddedH2Backend(new MVStore.Builder().fileName(file).open());
        MongoCollection<Document> reopened = docs(planned);
        assertThat(reopened.find(Filters.and(Filters.eq("_id", "from-stock"), Filters.eq("pending", true))).first())
                .isNotNull();
        assertDuplicate(reopened, new Document("_id", "other").append("source", "s1"));
        assertDuplicate(reopened, new Document("_id", "from-stock"));
        reopened.insertOne(new Document("_id", "from-planned").append("pending", false).append("source", "s2"));
        reopened.updateOne(Filters.eq("_id", "stock-changed"), Updates.set("pending", false));
        reopened.createIndex(Indexes.ascending("pending"));
        shutDownLast();

        EmbeddedH2Backend again = new EmbeddedH2Backend(new MVStore.Builder().fileName(file).open());
        MongoCollection<Document> planned2 = docs(again);
        assertThat(planned2.find().sort(new Document("_id", 1)).into(new ArrayList<>())).containsExactly(
                new Document("_id", "from-planned").append("pending", false).append("source", "s2"),
                new Document("_id", "from-stock").append("pending", true).append("source", "s1"),
                new Document("_id", "stock-changed").append("pending", false).append("source", "s3"));
        assertThat(planned2.find(Filters.eq("pending", true)).map(d -> d.getString("_id")).into(new ArrayList<>()))
                .as("the lookup index is rebuilt from the documents on opening").containsExactly("from-stock");
        assertDuplicate(planned2, new Document("_id", "third").append("source", "s2"));
        assertDuplicate(planned2, new Document("_id", "fourth").append("source", "s1"));
        shutDownLast();
    }

    @Test
    void uniqueIndexesAreNotWrittenToTheFile(@TempDir Path dir) {
        String file = dir.resolve("store.mv").toString();
        MVStore store = new MVStore.Builder().fileName(file).open();
        MongoCollection<Document> docs = docs(new EmbeddedH2Backend(store));
        docs.createIndex(Indexes.ascending("source"), new IndexOptions().unique(true));
        docs.insertOne(new Document("_id", "a").append("source", "s1"));
        assertThat(store.getMapNames()).anyMatch(name -> name.startsWith("databases."))
                .noneMatch(name -> name.contains("._index_"));
        assertDuplicate(docs, new Document("_id", "b").append("source", "s1"));
        docs.dropIndex("source_1");
        docs.insertOne(new Document("_id", "b").append("source", "s1"));
        assertThat(docs.countDocuments(Filters.eq("source", "s1"))).isEqualTo(2);
        shutDownLast();
    }

    /**
     * Every kind of update puts a new document in the map and leaves the one it replaces as it was: a commit
     * running meanwhile, or a reply being encoded from the old one, never sees it half-changed.
     */
    @Test
    void anUpdateReplacesTheStoredDocumentAndNeverChangesItInPlace() {
        MVStore store = new MVStore.Builder().open();
        MongoCollection<Document> docs = docs(new EmbeddedH2Backend(store));
        docs.createIndex(Indexes.ascending("state"));
        docs.insertMany(List.of(new Document("_id", "a").append("state", "new").append("n", 0),
                new Document("_id", "b").append("state", "new").append("n", 0)));
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> map = store.openMap("databases.planner.docs");
        List<Runnable> updates = List.of(
                () -> docs.updateOne(Filters.eq("_id", "a"), Updates.combine(Updates.set("state", "one"), Updates.inc("n", 1))),
                () -> docs.updateMany(Filters.eq("state", "new"), Updates.set("state", "many")),
                () -> docs.replaceOne(Filters.eq("_id", "a"), new Document("state", "replaced")),
                () -> docs.findOneAndUpdate(Filters.and(Filters.eq("_id", "a"), Filters.eq("state", "replaced")),
                        Updates.combine(Updates.set("state", "claimed"), Updates.unset("n"))),
                () -> docs.findOneAndReplace(Filters.eq("_id", "b"), new Document("state", "swapped")));
        for (Runnable update : updates) {
            Map<Object, de.bwaldvogel.mongo.bson.Document> before = new HashMap<>();
            Map<Object, de.bwaldvogel.mongo.bson.Document> copies = new HashMap<>();
            map.forEach((id, stored) -> {
                before.put(id, stored);
                copies.put(id, stored.cloneDeeply());
            });
            update.run();
            before.forEach((id, stored) -> assertThat(stored).as("the stored document %s", id).isEqualTo(copies.get(id)));
            assertThat(before).anySatisfy((id, stored) -> assertThat(map.get(id)).isNotSameAs(stored)
                    .isNotEqualTo(stored));
        }
        assertThat(docs.find().sort(new Document("_id", 1)).into(new ArrayList<>())).containsExactly(
                new Document("_id", "a").append("state", "claimed"), new Document("_id", "b").append("state", "swapped"));
        assertThat(docs.find(Filters.eq("state", "many")).first()).as("the lookup index follows the copies").isNull();
        assertThat(docs.find(Filters.eq("state", "claimed")).first()).isNotNull();
    }

    private static void assertDuplicate(MongoCollection<Document> docs, Document document) {
        assertThatThrownBy(() -> docs.insertOne(document)).isInstanceOf(MongoWriteException.class)
                .satisfies(e -> assertThat(((MongoWriteException) e).getError().getCode()).isEqualTo(11000));
    }
}
