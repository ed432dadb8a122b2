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
import uk.ectmentor.core.trust.FieldCipher;

final class MongoConversationStore implements ConversationStore {
    /** The id of the key the values in {@code data} are sealed with (drafts and flow answers); absent when plain. */
    static final String DATA_KEY = "dataKey";
    private final MongoCollection<Document> states;
    private final FieldCipher cipher;

    MongoConversationStore(MongoDatabase db) {
        this(db, FieldCipher.none());
    }

    MongoConversationStore(MongoDatabase db, FieldCipher cipher) {
        this.states = db.getCollection("conversations");
        this.cipher = cipher;
    }

    @Override
    public Optional<ConversationState> get(String personId) {
        return Mongo.call(() -> Optional.ofNullable(states.find(eq("_id", personId)).first()).map(d -> {
            Map<String, String> data = new HashMap<>();
            Document stored = d.get("data", Document.class);
            String keyId = d.getString(DATA_KEY);
            if (stored != null) {
                stored.forEach((k, v) -> data.put(k, keyId == null ? String.valueOf(v)
                        : cipher.open(new FieldCipher.Sealed(keyId, String.valueOf(v)), personId + "|" + k)));
            }
            return new ConversationState(personId, d.getString("flow"), d.getString("step"), data,
                    d.getDate("updatedAt").toInstant());
        }));
    }

    /** Re-seals states written under an older key (or none) with the current key; returns how many. */
    int reencrypt() {
        if (!cipher.enabled()) {
            return 0;
        }
        return Mongo.call(() -> {
            int changed = 0;
            for (Document d : states.find(com.mongodb.client.model.Filters.ne(DATA_KEY, cipher.currentKeyId()))
                    .into(new java.util.ArrayList<>())) {
                Optional<ConversationState> state = get(d.getString("_id"));
                if (state.isPresent()) {
                    put(state.get());
                    changed++;
                }
            }
            return changed;
        });
    }

    /** A copy of a raw document with its data values opened and the key id left out: for the person's own export. */
    Document opened(Document d) {
        Document copy = new Document(d);
        String personId = d.getString("_id");
        Document stored = d.get("data", Document.class);
        String keyId = d.getString(DATA_KEY);
        if (stored != null && keyId != null) {
            Document plain = new Document();
            stored.forEach((k, v) -> plain.append(k, cipher.open(new FieldCipher.Sealed(keyId, String.valueOf(v)), personId + "|" + k)));
            copy.put("data", plain);
        }
        copy.remove(DATA_KEY);
        return copy;
    }

    @Override
    public void put(ConversationState state) {
        Document data = new Document();
        state.data().forEach((k, v) -> data.append(k, cipher.enabled() ? cipher.seal(v, state.personId() + "|" + k).value() : v));
        Document doc = new Document("_id", state.personId())
                .append("flow", state.flow()).append("step", state.step()).append("data", data)
                .append("updatedAt", java.util.Date.from(state.updatedAt()));
        if (cipher.enabled()) {
            doc.append(DATA_KEY, cipher.currentKeyId());
        }
        Mongo.run(() -> states.replaceOne(eq("_id", state.personId()), doc, new ReplaceOptions().upsert(true)));
    }
}
