package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
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

    @Test
    void aStoreWrittenByEitherBackendOpensInTheOther(@TempDir Path dir) {
        String file = dir.resolve("store.mv").toString();
        H2Backend stock = new H2Backend(file);
        docs(stock).insertOne(new Document("_id", "from-stock").append("pending", true));
        shutDownLast();

        EmbeddedH2Backend planned = new EmbeddedH2Backend(new MVStore.Builder().fileName(file).open());
        MongoCollection<Document> reopened = docs(planned);
        assertThat(reopened.find(Filters.and(Filters.eq("_id", "from-stock"), Filters.eq("pending", true))).first())
                .isNotNull();
        reopened.insertOne(new Document("_id", "from-planned").append("pending", false));
        shutDownLast();

        H2Backend again = new H2Backend(file);
        assertThat(docs(again).find().sort(new Document("_id", 1)).map(d -> d.getString("_id")).into(new ArrayList<>()))
                .containsExactly("from-planned", "from-stock");
        docs(again).createIndex(Indexes.ascending("pending"));
        shutDownLast();

        EmbeddedH2Backend reopened2 = new EmbeddedH2Backend(new MVStore.Builder().fileName(file).open());
        assertThat(docs(reopened2).find(Filters.eq("pending", true)).map(d -> d.getString("_id")).into(new ArrayList<>()))
                .as("the lookup index is rebuilt from the documents on opening").containsExactly("from-stock");
        shutDownLast();
    }
}
