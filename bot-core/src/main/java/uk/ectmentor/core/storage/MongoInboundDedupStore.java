package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.lt;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import uk.ectmentor.core.delivery.InboundDedupStore;

/**
 * Received deliveries, one document each with the delivery key as {@code _id}: the unique {@code _id}
 * is what makes a concurrent retry lose the race, on real MongoDB and on the embedded server alike.
 * Old records are removed by {@link #forgetBefore} (no TTL index: the embedded server has none).
 */
final class MongoInboundDedupStore implements InboundDedupStore {
    private final MongoCollection<Document> deliveries;

    MongoInboundDedupStore(MongoDatabase db) {
        this.deliveries = db.getCollection("inboundDeliveries");
    }

    @Override
    public boolean firstDelivery(String key, Instant at) {
        return Mongo.call(() -> {
            try {
                deliveries.insertOne(new Document("_id", key).append("at", Date.from(at)));
                return true;
            } catch (MongoWriteException e) {
                if (Mongo.isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public long forgetBefore(Instant cutoff) {
        return Mongo.call(() -> deliveries.deleteMany(lt("at", Date.from(cutoff))).getDeletedCount());
    }
}
