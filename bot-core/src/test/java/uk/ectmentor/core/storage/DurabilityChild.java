package uk.ectmentor.core.storage;

import java.nio.file.Path;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

/**
 * Runs in a child JVM for {@link EmbeddedStoreDurabilityTest}: starts the on-disk embedded store, writes
 * documents one by one and prints "ACK n" once the driver has seen write n acknowledged, until killed.
 */
public final class DurabilityChild {
    private DurabilityChild() {
    }

    public static void main(String[] args) {
        EmbeddedMongo server = EmbeddedMongo.onDisk(Path.of(args[0]), 0);
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("durability").getCollection("docs");
            for (int i = 0; ; i++) {
                docs.insertOne(new Document("_id", i).append("text", "acknowledged write " + i));
                if (i % 2 == 1) {
                    docs.updateOne(new Document("_id", i), new Document("$set", new Document("updated", true)));
                }
                System.out.println("ACK " + i);
                System.out.flush();
            }
        }
    }
}
