package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.delivery.WebInbox;

/** The web inbox in collection {@code webInbox}: one document a delivery, its key the document id. */
final class MongoWebInbox implements WebInbox {
    private final MongoCollection<Document> inbox;

    MongoWebInbox(MongoDatabase db) {
        this.inbox = db.getCollection("webInbox");
    }

    void ensureIndexes() {
        uk.ectmentor.core.storage.Indexes.lookup(inbox, Indexes.ascending("handle", "at"));
    }

    @Override
    public void put(String handle, String key, List<Message> messages, Instant at) {
        Mongo.run(() -> {
            try {
                inbox.insertOne(new Document("_id", key).append("handle", handle).append("at", Date.from(at))
                        .append("messages", MessageCodec.encode(messages)));
            } catch (MongoWriteException e) {
                if (!Mongo.isDuplicateKey(e)) {
                    throw e;
                }
            }
        });
    }

    @Override
    public List<Message> take(String handle) {
        return Mongo.call(() -> {
            List<Message> out = new ArrayList<>();
            for (Document d : inbox.find(eq("handle", handle)).sort(Sorts.ascending("at", "_id")).into(new ArrayList<>())) {
                // whoever deletes the document is the one who shows it
                if (inbox.deleteOne(eq("_id", d.get("_id"))).getDeletedCount() == 1) {
                    out.addAll(MessageCodec.decode(d.getList("messages", Document.class)));
                }
            }
            return out;
        });
    }
}
