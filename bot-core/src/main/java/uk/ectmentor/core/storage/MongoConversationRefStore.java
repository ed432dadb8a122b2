package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.eq;

import java.util.Date;
import java.time.Instant;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.ConversationRefStore;

/** One document per platform identity, keyed by {@link UserRef#key()}; every write is a single-document update. */
final class MongoConversationRefStore implements ConversationRefStore {
    private final MongoCollection<Document> refs;

    MongoConversationRefStore(MongoDatabase db) {
        this.refs = db.getCollection("conversation_refs");
    }

    @Override
    public void save(UserRef user, String reference, Instant at) {
        Mongo.run(() -> refs.replaceOne(eq("_id", user.key()), new Document("_id", user.key())
                .append("platform", user.platform()).append("tenant", user.tenant()).append("userId", user.userId())
                .append("reference", reference).append("reachable", true).append("updatedAt", Date.from(at)),
                new ReplaceOptions().upsert(true)));
    }

    @Override
    public Optional<Stored> find(UserRef user) {
        return Mongo.call(() -> Optional.ofNullable(refs.find(eq("_id", user.key())).first())
                .map(d -> new Stored(user, d.getString("reference"), d.getBoolean("reachable", true),
                        d.getDate("updatedAt").toInstant())));
    }

    @Override
    public void markUnreachable(UserRef user, Instant at) {
        Mongo.run(() -> refs.updateOne(eq("_id", user.key()),
                Updates.combine(Updates.set("reachable", false), Updates.set("updatedAt", Date.from(at)))));
    }
}
