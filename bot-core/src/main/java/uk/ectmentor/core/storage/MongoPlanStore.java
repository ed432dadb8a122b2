package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

import uk.ectmentor.core.plan.ActionPlan;
import uk.ectmentor.core.plan.PlanStore;

/**
 * Year 2 action plans, one document per person ({@code _id} = person id). The review date is kept as an
 * ISO {@code yyyy-MM-dd} string, so a range query on it finds the plans due for a reminder.
 */
final class MongoPlanStore implements PlanStore {
    private final MongoCollection<Document> plans;

    private final SealedFields sealed;

    MongoPlanStore(MongoDatabase db, SealedFields sealed) {
        this.sealed = sealed;
        this.plans = db.getCollection("actionPlans");
    }

    void ensureIndexes() {
        uk.ectmentor.core.storage.Indexes.lookup(plans, Indexes.ascending("reviewOn"));
    }

    @Override
    public void save(ActionPlan p) {
        List<Document> targets = new ArrayList<>();
        for (ActionPlan.Target t : p.targets()) {
            targets.add(new Document("text", t.text()).append("unanswered", t.unanswered()));
        }
        Document d = new Document("_id", p.personId()).append("personId", p.personId()).append("schoolId", p.schoolId())
                .append("targets", targets).append("reviewOn", p.reviewOn().toString())
                .append("createdAt", Date.from(p.createdAt()));
        Mongo.run(() -> plans.replaceOne(eq("_id", p.personId()), sealed.seal("actionPlans", d), new ReplaceOptions().upsert(true)));
    }

    @Override
    public Optional<ActionPlan> forPerson(String personId) {
        return Mongo.call(() -> Optional.ofNullable(plans.find(eq("_id", personId)).first()).map(raw -> toPlan(sealed.open("actionPlans", raw))));
    }

    @Override
    public List<ActionPlan> reviewDatesBetween(LocalDate from, LocalDate to) {
        return Mongo.call(() -> plans.find(and(gte("reviewOn", from.toString()), lte("reviewOn", to.toString())))
                .sort(Sorts.ascending("reviewOn", "_id"))
                .map(raw -> toPlan(sealed.open("actionPlans", raw)))
                .into(new ArrayList<>()));
    }

    private static ActionPlan toPlan(Document d) {
        List<ActionPlan.Target> targets = new ArrayList<>();
        for (Document t : d.getList("targets", Document.class, List.of())) {
            targets.add(new ActionPlan.Target(t.getString("text"), t.getString("unanswered")));
        }
        return new ActionPlan(d.getString("personId"), d.getString("schoolId"), targets,
                LocalDate.parse(d.getString("reviewOn")), d.getDate("createdAt").toInstant());
    }
}
