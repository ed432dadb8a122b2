package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

/**
 * A write the driver saw acknowledged survives the process being killed with SIGKILL: a child JVM writes
 * to the on-disk embedded store, is killed mid-stream, and every acknowledged write is there on reopen.
 */
class EmbeddedStoreDurabilityTest {

    @Test
    void acknowledgedWritesSurviveSigkill(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DurabilityChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int lastAck = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    lastAck = Integer.parseInt(line.substring(4).trim());
                    if (lastAck >= 300) {
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no final commit
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastAck).as("child acknowledged writes").isGreaterThanOrEqualTo(300);
        assertThat(new File(dir.toFile(), "ect-mentor-bot.mv")).exists();

        try (EmbeddedMongo reopened = EmbeddedMongo.onDisk(dir, 0);
             MongoClient client = MongoClients.create(reopened.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("durability").getCollection("docs");
            for (int i = 0; i <= lastAck; i++) {
                Document d = docs.find(new Document("_id", i)).first();
                assertThat(d).as("acknowledged write %d", i).isNotNull();
                if (i % 2 == 1) {
                    assertThat(d.getBoolean("updated")).as("acknowledged update %d", i).isTrue();
                }
            }
        }
    }
}
