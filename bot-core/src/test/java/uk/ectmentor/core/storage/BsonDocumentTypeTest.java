package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonBinarySubType;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Code;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Documents in the on-disk embedded store are written as BSON ({@link BsonDocumentType}): every BSON type the driver
 * sends comes back the same after the store is closed and opened again, a value the encoder cannot write falls
 * back to Java serialization, and a document written the old way is still read.
 */
class BsonDocumentTypeTest {

    @Test
    void everyBsonTypeSurvivesCloseAndReopen(@TempDir Path dir) {
        Document everything = new Document("_id", new ObjectId())
                .append("string", "reflection: pupils' questions got better ✓")
                .append("int", 42).append("long", 1L << 40).append("double", 2.5)
                .append("decimal", Decimal128.parse("12.345"))
                .append("true", true).append("false", false).append("null", null)
                .append("date", java.util.Date.from(Instant.parse("2026-11-28T09:00:00Z")))
                .append("binary", new Binary(new byte[] {0, 1, 2, (byte) 255}))
                .append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
                .append("regex", new BsonRegularExpression("^ect", "i"))
                .append("timestamp", new BsonTimestamp(1_700_000_000, 7))
                .append("code", new Code("function () {}"))
                .append("min", new MinKey()).append("max", new MaxKey())
                .append("nested", new Document("module", 3).append("actions", List.of("plan", new Document("due", 1))))
                .append("large", "x".repeat(200_000)); // over the kept buffer: encoded in a one-off buffer
        Document plain = new Document("_id", "plain").append("n", 1);

        try (EmbeddedMongo server = EmbeddedMongo.onDisk(dir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("bson").getCollection("docs");
            docs.insertMany(List.of(everything, plain));
            docs.updateOne(Filters.eq("_id", "plain"), Updates.combine(Updates.inc("n", 1), Updates.currentDate("at")));
        }
        try (EmbeddedMongo server = EmbeddedMongo.onDisk(dir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("bson").getCollection("docs");
            assertThat(docs.find(Filters.eq("_id", everything.get("_id"))).first()).isEqualTo(everything);
            Document updated = docs.find(Filters.eq("_id", "plain")).first();
            assertThat(updated.getInteger("n")).isEqualTo(2);
            assertThat(updated.getDate("at")).isNotNull();
        }
    }

    @Test
    void writesDocumentsAsBsonAndOtherValuesAsH2Does() {
        BsonDocumentType type = new BsonDocumentType();
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", "a")
                .append("n", 1).append("nested", new de.bwaldvogel.mongo.bson.Document("x", List.of("y")));

        ByteBuffer written = write(type, document);
        assertThat(written.get(0)).isEqualTo(BsonDocumentType.BSON);
        assertThat(type.read(written)).isEqualTo(document);
        assertThat(written.hasRemaining()).as("read exactly what was written").isFalse();

        ByteBuffer text = write(type, "not a document");
        assertThat(text.get(0)).isNotEqualTo(BsonDocumentType.BSON);
        assertThat(type.read(text)).isEqualTo("not a document");
    }

    @Test
    void aDocumentTheEncoderCannotWriteIsSerializedAsBefore() {
        BsonDocumentType type = new BsonDocumentType();
        de.bwaldvogel.mongo.bson.Document odd = new de.bwaldvogel.mongo.bson.Document("_id", "odd")
                .append("counter", new AtomicInteger(3));

        ByteBuffer written = write(type, odd);
        assertThat(written.get(0)).as("Java serialization's tag").isEqualTo((byte) 19);
        de.bwaldvogel.mongo.bson.Document read = (de.bwaldvogel.mongo.bson.Document) type.read(written);
        assertThat(read.get("counter")).hasToString("3");
    }

    @Test
    void readsDocumentsH2WroteInJavaSerialization() {
        de.bwaldvogel.mongo.bson.Document old = new de.bwaldvogel.mongo.bson.Document("_id", "old")
                .append("at", Instant.parse("2026-09-01T08:00:00Z")).append("id", UUID.randomUUID().toString());
        ByteBuffer written = write(new org.h2.mvstore.type.ObjectDataType(), old);

        Object read = new BsonDocumentType().read(written);

        assertThat(read).isEqualTo(old);
        assertThat(written.hasRemaining()).isFalse();
    }

    private static ByteBuffer write(org.h2.mvstore.type.ObjectDataType type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        return bytes;
    }
}
