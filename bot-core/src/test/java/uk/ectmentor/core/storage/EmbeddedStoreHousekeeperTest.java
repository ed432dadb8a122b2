package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The embedded store commits on the writing thread with H2's background writer off, so its file is compacted by
 * {@link EmbeddedStoreHousekeeper}: after churn and deletes, a quiet store shrinks back to its live data, and
 * nothing live is lost. H2's retention time is 0 here; the store's own 45 s would make the test wait.
 */
class EmbeddedStoreHousekeeperTest {
    private static final int KEYS = 2000;

    @Test
    void aQuietStoreShrinksBackToItsLiveDataAndKeepsIt(@TempDir Path dir) {
        Path file = dir.resolve("churn.mv");
        Map<Integer, String> live = new HashMap<>();
        long peak;
        try (MVStore store = open(file)) {
            MVMap<Integer, String> docs = store.openMap("docs");
            EmbeddedStoreHousekeeper housekeeper = EmbeddedStoreHousekeeper.manual(store);
            churn(store, docs, live, housekeeper);
            for (int key = 100; key < KEYS; key++) {
                docs.remove(key);
                live.remove(key);
            }
            store.commit();
            peak = store.getFileStore().size();

            for (int i = 0; i < 30; i++) {
                store.commit(); // without housekeeping, commits alone give nothing back
            }
            assertThat(store.getFileStore().size()).as("file without housekeeping").isEqualTo(peak);

            for (int i = 0; i < 30; i++) {
                assertThat(housekeeper.runOnce()).as("store is quiet (one commit since the churn)").isTrue();
            }
            assertThat(store.getFileStore().size()).as("file after housekeeping, from %d bytes", peak)
                    .isLessThan(peak / 4);
            assertThat(Map.copyOf(docs)).isEqualTo(live);
        }
        try (MVStore reopened = open(file)) {
            assertThat(Map.copyOf(reopened.<Integer, String>openMap("docs"))).isEqualTo(live);
        }
    }

    @Test
    void aFewWritesBetweenRunsStillCountAsQuiet(@TempDir Path dir) {
        try (MVStore store = open(dir.resolve("quiet.mv"))) {
            MVMap<Integer, String> docs = store.openMap("docs");
            EmbeddedStoreHousekeeper housekeeper = EmbeddedStoreHousekeeper.manual(store);
            assertThat(housekeeper.runOnce()).as("first run: nothing seen yet").isFalse();
            writeAndCommit(store, docs, 3);
            assertThat(housekeeper.runOnce()).as("three writes").isTrue();
            writeAndCommit(store, docs, EmbeddedStoreHousekeeper.QUIET_WRITES + 1);
            assertThat(housekeeper.runOnce()).as("eleven writes").isFalse();
            assertThat(housekeeper.runOnce()).as("none since").isTrue();
        }
    }

    @Test
    void runsBetweenWritesWithoutLosingAny(@TempDir Path dir) {
        Path file = dir.resolve("busy.mv");
        Map<Integer, String> live = new HashMap<>();
        try (MVStore store = open(file)) {
            MVMap<Integer, String> docs = store.openMap("docs");
            EmbeddedStoreHousekeeper housekeeper = EmbeddedStoreHousekeeper.manual(store);
            churn(store, docs, live, housekeeper);
            assertThat(Map.copyOf(docs)).isEqualTo(live);
        }
        try (MVStore reopened = open(file)) {
            assertThat(Map.copyOf(reopened.<Integer, String>openMap("docs"))).isEqualTo(live);
        }
    }

    @Test
    void onDiskStoreKeepsItsOwnHousekeeperAndNoH2WriterThreads(@TempDir Path dir) {
        try (EmbeddedMongo server = EmbeddedMongo.onDisk(dir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("housekeeping").getCollection("docs").insertOne(new Document("_id", 1));
            assertThat(threadNames()).contains("embedded-store-housekeeping")
                    .noneMatch(name -> name.startsWith("H2-") || name.startsWith("MVStore background writer"));
        }
        assertThat(threadNames()).doesNotContain("embedded-store-housekeeping");
    }

    /** 20,000 updates of 2,000 keys, each committed as the backend commits each write; housekeeping between. */
    private static void churn(MVStore store, MVMap<Integer, String> docs, Map<Integer, String> live,
            EmbeddedStoreHousekeeper housekeeper) {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            for (int write = 0; write < 500; write++) {
                int key = random.nextInt(KEYS);
                String value = String.valueOf((char) ('a' + random.nextInt(26))).repeat(400) + round;
                docs.put(key, value);
                live.put(key, value);
                store.commit();
            }
            housekeeper.runOnce();
        }
    }

    private static void writeAndCommit(MVStore store, MVMap<Integer, String> docs, int commits) {
        for (int i = 0; i < commits; i++) {
            docs.put(i, "value " + i + " at " + store.getCurrentVersion());
            store.commit();
        }
    }

    private static MVStore open(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        store.setRetentionTime(0);
        return store;
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
    }
}
