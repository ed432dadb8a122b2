package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;

import uk.ectmentor.core.rights.RetentionStore;

/** The {@code retention} collection: one document per person, {@code endsOn} as an ISO date string. */
final class MongoRetentionStore implements RetentionStore {
    private final MongoCollection<Document> retention;

    MongoRetentionStore(MongoDatabase db) {
        this.retention = db.getCollection("retention");
    }

    @Override
    public void setInductionEnd(String personId, String schoolId, LocalDate endsOn) {
        Mongo.run(() -> retention.replaceOne(eq("_id", personId), new Document("_id", personId)
                .append("schoolId", schoolId).append("endsOn", endsOn.toString()), new ReplaceOptions().upsert(true)));
    }

    @Override
    public List<Ended> endedBefore(LocalDate day) {
        // ISO dates compare correctly as strings
        return Mongo.call(() -> retention.find(lt("endsOn", day.toString()))
                .map(d -> new Ended(d.getString("_id"), d.getString("schoolId"), LocalDate.parse(d.getString("endsOn"))))
                .into(new ArrayList<>()));
    }
}
