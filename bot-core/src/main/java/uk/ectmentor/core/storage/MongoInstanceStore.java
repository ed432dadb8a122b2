package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import uk.ectmentor.core.delivery.InstanceStore;

/**
 * One document per instance in {@code instances}, {@code _id} its name, {@code until} when its heartbeat runs
 * out. Few documents (one per running instance, and those that stopped until the others have ended their claims
 * or the nightly clean-up), so counting them reads them all.
 */
final class MongoInstanceStore implements InstanceStore {
    private final MongoCollection<Document> instances;

    MongoInstanceStore(MongoDatabase db) {
        this.instances = db.getCollection("instances");
    }

    @Override
    public void beat(String instance, Instant until) {
        Mongo.run(() -> instances.updateOne(eq("_id", instance), Updates.set("until", Date.from(until)),
                new UpdateOptions().upsert(true)));
    }

    @Override
    public int running(Instant now) {
        return Mongo.call(() -> (int) instances.countDocuments(gt("until", Date.from(now))));
    }

    @Override
    public void leave(String instance, Instant at) {
        Mongo.run(() -> instances.updateOne(eq("_id", instance), Updates.set("until", Date.from(at))));
    }

    @Override
    public List<String> lapsedBefore(Instant cutoff) {
        return Mongo.call(() -> instances.find(lt("until", Date.from(cutoff))).map(d -> d.getString("_id"))
                .into(new ArrayList<>()));
    }

    @Override
    public boolean forget(String instance, Instant cutoff) {
        return Mongo.call(() -> instances.deleteOne(and(eq("_id", instance), lt("until", Date.from(cutoff)))).getDeletedCount() == 1);
    }

    @Override
    public long forgetBefore(Instant cutoff) {
        return Mongo.call(() -> instances.deleteMany(lt("until", Date.from(cutoff))).getDeletedCount());
    }
}
