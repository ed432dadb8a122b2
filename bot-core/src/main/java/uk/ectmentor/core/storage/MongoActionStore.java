package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.actions.ActionStore;

final class MongoActionStore implements ActionStore {
    private final MongoCollection<Document> actions;

    MongoActionStore(MongoDatabase db) {
        this.actions = db.getCollection("actions");
    }

    void ensureIndexes() {
        uk.ectmentor.core.storage.Indexes.lookup(actions, Indexes.ascending("ectId", "status"));
    }

    @Override
    public void save(ActionStep a) {
        Document d = new Document("_id", a.id()).append("schoolId", a.schoolId()).append("pairingId", a.pairingId())
                .append("ectId", a.ectId()).append("text", a.text()).append("module", a.module()).append("week", a.week())
                .append("status", a.status().name()).append("createdAt", Date.from(a.createdAt()))
                .append("dueOn", a.dueOn() == null ? null : a.dueOn().toString()).append("outcome", a.outcome());
        Mongo.run(() -> actions.replaceOne(eq("_id", a.id()), d, new ReplaceOptions().upsert(true)));
    }

    @Override
    public List<ActionStep> openFor(String ectId) {
        return Mongo.call(() -> actions.find(and(eq("ectId", ectId), eq("status", ActionStep.Status.OPEN.name())))
                .sort(Sorts.ascending("createdAt"))
                .map(d -> new ActionStep(d.getString("_id"), d.getString("schoolId"), d.getString("pairingId"),
                        d.getString("ectId"), d.getString("text"), d.getInteger("module", 0), d.getInteger("week", 0),
                        ActionStep.Status.valueOf(d.getString("status")), d.getDate("createdAt").toInstant(),
                        d.getString("dueOn") == null ? null : LocalDate.parse(d.getString("dueOn")), d.getString("outcome")))
                .into(new ArrayList<>()));
    }
}
