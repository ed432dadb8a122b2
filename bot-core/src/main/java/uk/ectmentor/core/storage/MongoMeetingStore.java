package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.eq;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

import uk.ectmentor.core.meeting.Contract;
import uk.ectmentor.core.meeting.MeetingRecord;
import uk.ectmentor.core.meeting.MeetingStore;
import uk.ectmentor.core.meeting.PreMeetingReview;

/** Collections {@code meetings}, {@code meeting_reviews} (one per pairing and week) and {@code contracts} (one per pairing). */
final class MongoMeetingStore implements MeetingStore {
    private final MongoCollection<Document> meetings;
    private final MongoCollection<Document> reviews;
    private final MongoCollection<Document> contracts;

    private final SealedFields sealed;

    MongoMeetingStore(MongoDatabase db, SealedFields sealed) {
        this.sealed = sealed;
        this.meetings = db.getCollection("meetings");
        this.reviews = db.getCollection("meeting_reviews");
        this.contracts = db.getCollection("contracts");
    }

    void ensureIndexes() {
        uk.ectmentor.core.storage.Indexes.lookup(meetings, Indexes.ascending("pairingId", "savedAt"));
    }

    @Override
    public void save(MeetingRecord r) {
        Document notes = new Document();
        r.notes().forEach(notes::append);
        Document d = new Document("_id", r.id()).append("schoolId", r.schoolId()).append("pairingId", r.pairingId())
                .append("mentorId", r.mentorId()).append("ectId", r.ectId()).append("module", r.module())
                .append("week", r.week()).append("sessionTitle", r.sessionTitle()).append("notes", notes)
                .append("noteOrder", new ArrayList<>(r.notes().keySet()))
                .append("activitiesUsed", r.activitiesUsed()).append("actionId", r.actionId())
                .append("savedAt", Date.from(r.savedAt()));
        Mongo.run(() -> meetings.replaceOne(eq("_id", r.id()), sealed.seal("meetings", d), new ReplaceOptions().upsert(true)));
    }

    @Override
    public Optional<MeetingRecord> meeting(String id) {
        return Mongo.call(() -> Optional.ofNullable(meetings.find(eq("_id", id)).first()).map(this::readMeeting));
    }

    @Override
    public List<MeetingRecord> meetingsOf(String pairingId, int limit) {
        return Mongo.call(() -> meetings.find(eq("pairingId", pairingId)).sort(Sorts.descending("savedAt")).limit(limit)
                .map(this::readMeeting).into(new ArrayList<>()));
    }

    private MeetingRecord readMeeting(Document raw) {
        Document d = sealed.open("meetings", raw);
        Map<String, String> notes = new LinkedHashMap<>();
        Document stored = d.get("notes", Document.class);
        List<String> order = d.getList("noteOrder", String.class, List.of());
        for (String key : order) {
            if (stored != null && stored.getString(key) != null) {
                notes.put(key, stored.getString(key));
            }
        }
        return new MeetingRecord(d.getString("_id"), d.getString("schoolId"), d.getString("pairingId"),
                d.getString("mentorId"), d.getString("ectId"), d.getInteger("module", 0), d.getInteger("week", 0),
                d.getString("sessionTitle"), notes, d.getList("activitiesUsed", String.class, List.of()),
                d.getString("actionId"), d.getDate("savedAt").toInstant());
    }

    @Override
    public void saveReview(PreMeetingReview r) {
        String id = r.pairingId() + "|" + r.module() + "|" + r.week();
        Document d = new Document("_id", id).append("pairingId", r.pairingId()).append("ectId", r.ectId())
                .append("module", r.module()).append("week", r.week()).append("actionId", r.actionId())
                .append("actionText", r.actionText()).append("did", r.did()).append("impact", r.impact())
                .append("next", r.next()).append("savedAt", Date.from(r.savedAt()));
        Mongo.run(() -> reviews.replaceOne(eq("_id", id), sealed.seal("meeting_reviews", d), new ReplaceOptions().upsert(true)));
    }

    @Override
    public Optional<PreMeetingReview> review(String pairingId, int module, int week) {
        return Mongo.call(() -> Optional.ofNullable(reviews.find(eq("_id", pairingId + "|" + module + "|" + week)).first())
                .map(raw -> sealed.open("meeting_reviews", raw)).map(d -> new PreMeetingReview(d.getString("pairingId"), d.getString("ectId"), d.getInteger("module", 0),
                        d.getInteger("week", 0), d.getString("actionId"), d.getString("actionText"), d.getString("did"),
                        d.getString("impact"), d.getString("next"), d.getDate("savedAt").toInstant())));
    }

    @Override
    public void saveContract(Contract c) {
        Document answers = new Document();
        c.answers().forEach(answers::append);
        Document d = new Document("_id", c.pairingId()).append("schoolId", c.schoolId()).append("answers", answers)
                .append("recordedBy", c.recordedBy()).append("savedAt", Date.from(c.savedAt()));
        Mongo.run(() -> contracts.replaceOne(eq("_id", c.pairingId()), sealed.seal("contracts", d), new ReplaceOptions().upsert(true)));
    }

    @Override
    public Optional<Contract> contract(String pairingId) {
        return Mongo.call(() -> Optional.ofNullable(contracts.find(eq("_id", pairingId)).first())
                .map(raw -> sealed.open("contracts", raw)).map(d -> {
            Map<String, String> answers = new LinkedHashMap<>();
            Document stored = d.get("answers", Document.class);
            if (stored != null) {
                stored.forEach((k, v) -> answers.put(k, String.valueOf(v)));
            }
            return new Contract(d.getString("_id"), d.getString("schoolId"), answers, d.getString("recordedBy"),
                    d.getDate("savedAt").toInstant());
        }));
    }
}
