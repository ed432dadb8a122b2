package uk.ectmentor.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import uk.ectmentor.core.storage.EmbeddedMongo;

/**
 * The embedded store alone, in this process: what keeping one chat message costs it. Each message is the two
 * writes the Slack adapter makes (insert the delivery record, pending, with its text; then mark it handled and
 * drop the text, by a compare-and-set on {@code _id}), through the MongoDB driver, into {@code EmbeddedMongo.onDisk}.
 * Prints, per round, the bytes allocated by every thread per message (driver and server together), the time per
 * message, and the file's size.
 *
 * <pre>StoreBench [--messages 5000] [--rounds 3]</pre>
 */
public final class StoreBench {
    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadBench.options(args);
        int messages = Integer.parseInt(opts.getOrDefault("messages", "5000"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        Path dir = Files.createTempDirectory("ect-store-bench-");
        Random random = new Random(1);
        String text = "reflect: " + "a sealed reflection of ordinary length ".repeat(8);
        try (EmbeddedMongo server = EmbeddedMongo.onDisk(dir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> deliveries = client.getDatabase("bench").getCollection("inboundDeliveries");
            deliveries.createIndex(Indexes.ascending("pending", "platform", "at"));
            for (int round = 1; round <= rounds; round++) {
                long allocatedBefore = allocatedBytes();
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    String id = "slack:Ev" + round + "x" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                    deliveries.insertOne(new Document("_id", id).append("platform", "slack").append("pending", true)
                            .append("at", new Date()).append("claim", "instance-1").append("until", new Date())
                            .append("user", "U0B" + i % 200).append("text", text));
                    deliveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("pending", true)),
                            Updates.combine(Updates.set("pending", false), Updates.unset("text")));
                }
                long nanos = System.nanoTime() - start;
                long allocated = allocatedBytes() - allocatedBefore;
                System.out.printf(Locale.ROOT, "round %d: %d messages, %.1f KB allocated and %.0f us per message; "
                        + "file %.0f MB%n", round, messages, allocated / 1024.0 / messages, nanos / 1000.0 / messages,
                        Files.size(dir.resolve(EmbeddedMongo.FILE_NAME)) / 1e6);
            }
        }
    }

    /** Bytes allocated so far by the live threads of this JVM. */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }
}
