package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.eq;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;

import uk.ectmentor.core.audit.AuditRecord;
import uk.ectmentor.core.audit.AuditStore;

/** Audits, one document per person, module and round ({@code _id} = person|m<module>|round). */
final class MongoAuditStore implements AuditStore {
    private final MongoCollection<Document> audits;

    private final SealedFields sealed;

    MongoAuditStore(MongoDatabase db, SealedFields sealed) {
        this.sealed = sealed;
        this.audits = db.getCollection("audits");
    }

    private static String id(String personId, int module, AuditRecord.Round round) {
        return personId + "|m" + module + "|" + round.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void save(AuditRecord r) {
        List<Document> ratings = new ArrayList<>();
        for (AuditRecord.Rating rating : r.ratings()) {
            ratings.add(new Document("criterion", rating.criterion()).append("level", rating.level())
                    .append("evidence", rating.evidence()));
        }
        Document d = new Document("_id", id(r.personId(), r.module(), r.round())).append("personId", r.personId())
                .append("schoolId", r.schoolId()).append("module", r.module()).append("round", r.round().name())
                .append("week", r.week()).append("ratings", ratings).append("ratedAt", Date.from(r.ratedAt()));
        Mongo.run(() -> audits.replaceOne(eq("_id", d.getString("_id")), sealed.seal("audits", d), new ReplaceOptions().upsert(true)));
    }

    @Override
    public Optional<AuditRecord> find(String personId, int module, AuditRecord.Round round) {
        return Mongo.call(() -> Optional.ofNullable(audits.find(eq("_id", id(personId, module, round))).first())
                .map(raw -> toRecord(sealed.open("audits", raw))));
    }

    private static AuditRecord toRecord(Document d) {
        List<AuditRecord.Rating> ratings = new ArrayList<>();
        for (Document r : d.getList("ratings", Document.class, List.of())) {
            ratings.add(new AuditRecord.Rating(r.getString("criterion"), r.getString("level"), r.getString("evidence")));
        }
        return new AuditRecord(d.getString("personId"), d.getString("schoolId"), d.getInteger("module", 0),
                AuditRecord.Round.valueOf(d.getString("round")), d.getInteger("week", 0), ratings,
                d.getDate("ratedAt").toInstant());
    }
}
