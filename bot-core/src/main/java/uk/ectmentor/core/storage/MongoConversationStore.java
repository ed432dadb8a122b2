package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.eq;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;

import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.engine.ConversationStore;

final class MongoConversationStore implements ConversationStore {
    private final MongoCollection<Document> states;

    MongoConversationStore(MongoDatabase db) {
        this.states = db.getCollection("conversations");
    }

    @Override
    public Optional<ConversationState> get(String personId) {
        return Mongo.call(() -> Optional.ofNullable(states.find(eq("_id", personId)).first()).map(d -> {
            Map<String, String> data = new HashMap<>();
            Document stored = d.get("data", Document.class);
            if (stored != null) {
                stored.forEach((k, v) -> data.put(k, String.valueOf(v)));
            }
            return new ConversationState(personId, d.getString("flow"), d.getString("step"), data,
                    d.getDate("updatedAt").toInstant());
        }));
    }

    @Override
    public void put(ConversationState state) {
        Document data = new Document();
        state.data().forEach(data::append);
        Mongo.run(() -> states.replaceOne(eq("_id", state.personId()), new Document("_id", state.personId())
                .append("flow", state.flow()).append("step", state.step()).append("data", data)
                .append("updatedAt", java.util.Date.from(state.updatedAt())), new ReplaceOptions().upsert(true)));
    }
}
