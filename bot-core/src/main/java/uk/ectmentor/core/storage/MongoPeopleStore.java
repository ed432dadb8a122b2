package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;

final class MongoPeopleStore implements PeopleStore {
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private final MongoCollection<Document> schools;
    private final MongoCollection<Document> persons;
    private final MongoCollection<Document> identities;
    private final MongoCollection<Document> pairings;

    MongoPeopleStore(MongoDatabase db) {
        this.schools = db.getCollection("schools");
        this.persons = db.getCollection("persons");
        this.identities = db.getCollection("identities");
        this.pairings = db.getCollection("pairings");
    }

    void ensureIndexes() {
        uk.ectmentor.core.storage.Indexes.lookup(identities, Indexes.ascending("personId"));
        uk.ectmentor.core.storage.Indexes.lookup(pairings, Indexes.ascending("mentorId"));
        uk.ectmentor.core.storage.Indexes.lookup(pairings, Indexes.ascending("ectId"));
    }

    @Override
    public void saveSchool(School school) {
        Mongo.run(() -> schools.replaceOne(eq("_id", school.id()), new Document("_id", school.id())
                .append("name", school.name()).append("zone", school.zone().getId()), UPSERT));
    }

    @Override
    public Optional<School> school(String id) {
        return Mongo.call(() -> Optional.ofNullable(schools.find(eq("_id", id)).first())
                .map(d -> new School(d.getString("_id"), d.getString("name"), ZoneId.of(d.getString("zone")))));
    }

    @Override
    public void savePerson(Person p) {
        Mongo.run(() -> persons.replaceOne(eq("_id", p.id()), new Document("_id", p.id())
                .append("schoolId", p.schoolId()).append("name", p.name()).append("role", p.role().name())
                .append("phase", p.phase()).append("subject", p.subject()).append("inductionYear", p.inductionYear()), UPSERT));
    }

    @Override
    public Optional<Person> person(String id) {
        return Mongo.call(() -> Optional.ofNullable(persons.find(eq("_id", id)).first()).map(MongoPeopleStore::toPerson));
    }

    @Override
    public void linkIdentity(UserRef ref, String personId) {
        Mongo.run(() -> identities.replaceOne(eq("_id", ref.key()), new Document("_id", ref.key())
                .append("platform", ref.platform()).append("tenant", ref.tenant()).append("userId", ref.userId())
                .append("personId", personId), UPSERT));
    }

    @Override
    public Optional<Person> personFor(UserRef ref) {
        return Mongo.call(() -> Optional.ofNullable(identities.find(eq("_id", ref.key())).first())
                .flatMap(d -> person(d.getString("personId"))));
    }

    @Override
    public List<UserRef> identitiesOf(String personId) {
        return Mongo.call(() -> identities.find(eq("personId", personId)).sort(Indexes.ascending("_id"))
                .map(d -> new UserRef(d.getString("platform"), d.getString("tenant"), d.getString("userId")))
                .into(new ArrayList<>()));
    }

    @Override
    public void savePairing(Pairing p) {
        Mongo.run(() -> pairings.replaceOne(eq("_id", p.id()), new Document("_id", p.id())
                .append("schoolId", p.schoolId()).append("mentorId", p.mentorId()).append("ectId", p.ectId())
                .append("module", p.module()).append("week", p.week())
                .append("meetingDay", p.meetingDay() == null ? null : p.meetingDay().name())
                .append("meetingTime", p.meetingTime() == null ? null : p.meetingTime().toString()), UPSERT));
    }

    @Override
    public Optional<Pairing> pairing(String id) {
        return Mongo.call(() -> Optional.ofNullable(pairings.find(eq("_id", id)).first()).map(MongoPeopleStore::toPairing));
    }

    @Override
    public List<Pairing> pairingsOf(String personId) {
        return Mongo.call(() -> pairings.find(or(eq("mentorId", personId), eq("ectId", personId)))
                .sort(Indexes.ascending("_id"))
                .map(MongoPeopleStore::toPairing).into(new ArrayList<>()));
    }

    @Override
    public List<Person> peopleIn(String schoolId) {
        return Mongo.call(() -> persons.find(eq("schoolId", schoolId)).sort(Indexes.ascending("name", "_id"))
                .map(MongoPeopleStore::toPerson).into(new ArrayList<>()));
    }

    @Override
    public List<Pairing> pairings(String afterId, int limit) {
        return Mongo.call(() -> pairings.find(afterId == null ? new Document() : com.mongodb.client.model.Filters.gt("_id", afterId))
                .sort(Indexes.ascending("_id")).limit(limit)
                .map(MongoPeopleStore::toPairing).into(new ArrayList<>()));
    }

    static Person toPerson(Document d) {
        return new Person(d.getString("_id"), d.getString("schoolId"), d.getString("name"), Role.valueOf(d.getString("role")),
                d.getString("phase"), d.getString("subject"), d.getInteger("inductionYear", 0));
    }

    static Pairing toPairing(Document d) {
        return new Pairing(d.getString("_id"), d.getString("schoolId"), d.getString("mentorId"), d.getString("ectId"),
                d.getInteger("module", 1), d.getInteger("week", 1),
                d.getString("meetingDay") == null ? null : DayOfWeek.valueOf(d.getString("meetingDay")),
                d.getString("meetingTime") == null ? null : LocalTime.parse(d.getString("meetingTime")));
    }
}
