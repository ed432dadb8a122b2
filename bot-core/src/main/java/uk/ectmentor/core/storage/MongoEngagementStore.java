package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;

import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.roster.EngagementStore;

/**
 * Activity for the engagement report, read with projections that leave every text field on the server:
 * the report can count, never quote.
 */
final class MongoEngagementStore implements EngagementStore {
    private final MongoDatabase db;

    MongoEngagementStore(MongoDatabase db) {
        this.db = db;
    }

    @Override
    public List<Activity> activity(String schoolId, Instant from, Instant to) {
        return Mongo.call(() -> {
            List<Activity> out = new ArrayList<>();
            var window = and(eq("schoolId", schoolId), gte("createdAt", Date.from(from)), lt("createdAt", Date.from(to)));
            for (Document d : db.getCollection("learningLog").find(window)
                    .projection(Projections.include("personId", "kind", "createdAt"))) {
                out.add(new Activity(d.getString("personId"), null, d.getString("kind"), d.getDate("createdAt").toInstant()));
            }
            for (Document d : db.getCollection("actions").find(window)
                    .projection(Projections.include("ectId", "pairingId", "status", "createdAt"))) {
                Instant at = d.getDate("createdAt").toInstant();
                out.add(new Activity(d.getString("ectId"), d.getString("pairingId"), "action.set", at));
                if ("DONE".equals(d.getString("status"))) {
                    out.add(new Activity(d.getString("ectId"), d.getString("pairingId"), "action.done", at));
                }
            }
            return out;
        });
    }

    @Override
    public List<Pairing> pairings(String schoolId) {
        return Mongo.call(() -> db.getCollection("pairings").find(eq("schoolId", schoolId))
                .sort(com.mongodb.client.model.Sorts.ascending("_id"))
                .map(MongoPeopleStore::toPairing).into(new ArrayList<>()));
    }

    @Override
    public List<Person> people(String schoolId) {
        return Mongo.call(() -> db.getCollection("persons").find(eq("schoolId", schoolId))
                .sort(com.mongodb.client.model.Sorts.ascending("_id"))
                .map(MongoPeopleStore::toPerson).into(new ArrayList<>()));
    }
}
