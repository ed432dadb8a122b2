package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.util.Date;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import uk.ectmentor.core.onboarding.Invite;
import uk.ectmentor.core.onboarding.InviteStore;

/** Collection {@code invites}, keyed by the code. */
final class MongoInviteStore implements InviteStore {
    private final MongoCollection<Document> invites;

    private final MongoCollection<Document> attempts;

    MongoInviteStore(MongoDatabase db) {
        this.invites = db.getCollection("invites");
        this.attempts = db.getCollection("codeAttempts");
    }

    /** Failed code attempts: one document per person (or stranger's identity) and clock hour, counted atomically. */
    @Override
    public int failedAttempt(String who, java.time.Instant at) {
        long hour = at.getEpochSecond() / 3600;
        return Mongo.call(() -> {
            attempts.deleteMany(com.mongodb.client.model.Filters.lt("at", Date.from(at.minus(java.time.Duration.ofDays(1)))));
            Document d = attempts.findOneAndUpdate(eq("_id", who + "|" + hour),
                    Updates.combine(Updates.inc("count", 1), Updates.set("who", who), Updates.set("at", Date.from(at))),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            return d == null ? 1 : d.getInteger("count", 1);
        });
    }

    @Override
    public int failedAttempts(String who, java.time.Instant at) {
        long hour = at.getEpochSecond() / 3600;
        return Mongo.call(() -> {
            Document d = attempts.find(eq("_id", who + "|" + hour)).first();
            return d == null ? 0 : d.getInteger("count", 0);
        });
    }

    void ensureIndexes() {
        // keyed by _id (the code): nothing more is looked up
    }

    @Override
    public void save(Invite i) {
        Mongo.run(() -> invites.insertOne(new Document("_id", i.code()).append("schoolId", i.schoolId())
                .append("inviterId", i.inviterId()).append("pairs", i.pairs()).append("createdAt", Date.from(i.createdAt()))
                .append("usedBy", i.usedBy())));
    }

    @Override
    public Optional<Invite> find(String code) {
        return Mongo.call(() -> Optional.ofNullable(invites.find(eq("_id", code)).first()).map(MongoInviteStore::read));
    }

    @Override
    public Optional<Invite> claim(String code, String personId) {
        Optional<Invite> found = find(code);
        if (found.isEmpty() || !found.get().pairs()) {
            return found;
        }
        if (personId.equals(found.get().usedBy())) {
            return found;
        }
        return Mongo.call(() -> Optional.ofNullable(invites.findOneAndUpdate(and(eq("_id", code), eq("usedBy", null)),
                Updates.set("usedBy", personId), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(MongoInviteStore::read));
    }

    private static Invite read(Document d) {
        return new Invite(d.getString("_id"), d.getString("schoolId"), d.getString("inviterId"), d.getBoolean("pairs", false),
                d.getDate("createdAt").toInstant(), d.getString("usedBy"));
    }
}
