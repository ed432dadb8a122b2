package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import uk.ectmentor.core.identity.LinkCodeStore;

/**
 * Identity link codes, the code as unique {@code _id}. Taking a code is one atomic findOneAndDelete, so a
 * code is redeemed once even when two platforms race; expiry is checked by the caller (no TTL index).
 */
final class MongoLinkCodeStore implements LinkCodeStore {
    private final MongoCollection<Document> codes;

    MongoLinkCodeStore(MongoDatabase db) {
        this.codes = db.getCollection("linkCodes");
    }

    @Override
    public boolean add(LinkCode code) {
        return Mongo.call(() -> {
            try {
                codes.insertOne(new Document("_id", code.code()).append("personId", code.personId())
                        .append("issuedTo", code.issuedTo()).append("expiresAt", Date.from(code.expiresAt())));
                return true;
            } catch (MongoWriteException e) {
                if (Mongo.isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<LinkCode> take(String code) {
        return Mongo.call(() -> Optional.ofNullable(codes.findOneAndDelete(eq("_id", code)))
                .map(d -> new LinkCode(d.getString("_id"), d.getString("personId"), d.getString("issuedTo"),
                        d.getDate("expiresAt").toInstant())));
    }

    @Override
    public long deleteExpired(Instant now) {
        return Mongo.call(() -> codes.deleteMany(lt("expiresAt", Date.from(now))).getDeletedCount());
    }
}
