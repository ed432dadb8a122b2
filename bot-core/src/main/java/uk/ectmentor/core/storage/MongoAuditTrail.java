package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.eq;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;

import uk.ectmentor.core.rights.AuditTrail;

/** The {@code auditTrail} collection: append-only, ids and action names only. */
final class MongoAuditTrail implements AuditTrail {
    private final MongoCollection<Document> events;

    MongoAuditTrail(MongoDatabase db) {
        this.events = db.getCollection("auditTrail");
    }

    @Override
    public void record(Event e) {
        Mongo.run(() -> events.insertOne(new Document("_id", e.id()).append("schoolId", e.schoolId())
                .append("actorId", e.actorId()).append("action", e.action()).append("subject", e.subject())
                .append("at", Date.from(e.at()))));
    }

    @Override
    public List<Event> recent(String schoolId, int limit) {
        return Mongo.call(() -> events.find(eq("schoolId", schoolId))
                .sort(Sorts.orderBy(Sorts.descending("at"), Sorts.descending("_id"))).limit(limit)
                .map(d -> new Event(d.getString("_id"), d.getString("schoolId"), d.getString("actorId"),
                        d.getString("action"), d.getString("subject"), d.getDate("at").toInstant()))
                .into(new ArrayList<>()));
    }
}
