package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.actions.ActionStore;

final class MongoActionStore implements ActionStore {
    private final MongoCollection<Document> actions;

    private final SealedFields sealed;

    MongoActionStore(MongoDatabase db, SealedFields sealed) {
        this.sealed = sealed;
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
                .append("dueOn", a.dueOn() == null ? null : a.dueOn().toString()).append("outcome", a.outcome())
                .append("successCriteria", a.successCriteria())
                .append("doneAt", a.doneAt() == null ? null : Date.from(a.doneAt()));
        Mongo.run(() -> actions.replaceOne(eq("_id", a.id()), sealed.seal("actions", d), new ReplaceOptions().upsert(true)));
    }

    @Override
    public List<ActionStep> openFor(String ectId) {
        return find(and(eq("ectId", ectId), eq("status", ActionStep.Status.OPEN.name())));
    }

    @Override
    public List<ActionStep> allFor(String ectId) {
        return find(eq("ectId", ectId));
    }

    @Override
    public Optional<ActionStep> byId(String id) {
        return Mongo.call(() -> Optional.ofNullable(actions.find(eq("_id", id)).first()).map(this::read));
    }

    @Override
    public Optional<ActionStep> markDone(String id, String outcome, Instant when) {
        return Mongo.call(() -> Optional.ofNullable(actions.findOneAndUpdate(
                and(eq("_id", id), eq("status", ActionStep.Status.OPEN.name())),
                Updates.combine(Updates.set("status", ActionStep.Status.DONE.name()), Updates.set("outcome", sealed.seal(outcome, id, "outcome")),
                        Updates.set("doneAt", Date.from(when))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).map(this::read));
    }

    private List<ActionStep> find(Bson filter) {
        return Mongo.call(() -> actions.find(filter).sort(Sorts.ascending("createdAt", "_id"))
                .map(this::read).into(new ArrayList<>()));
    }

    private ActionStep read(Document raw) {
        Document d = sealed.open("actions", raw);
        return new ActionStep(d.getString("_id"), d.getString("schoolId"), d.getString("pairingId"),
                d.getString("ectId"), d.getString("text"), d.getInteger("module", 0), d.getInteger("week", 0),
                ActionStep.Status.valueOf(d.getString("status")), d.getDate("createdAt").toInstant(),
                d.getString("dueOn") == null ? null : LocalDate.parse(d.getString("dueOn")), d.getString("outcome"),
                d.getString("successCriteria"), d.getDate("doneAt") == null ? null : d.getDate("doneAt").toInstant());
    }
}
