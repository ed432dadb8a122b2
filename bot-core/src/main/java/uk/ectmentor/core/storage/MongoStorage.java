package uk.ectmentor.core.storage;

import java.util.concurrent.TimeUnit;

import org.bson.Document;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import uk.ectmentor.core.actions.ActionStore;
import uk.ectmentor.core.delivery.WebInbox;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.nudges.PreferencesStore;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.reflect.LearningLogStore;

/**
 * One connection to MongoDB (real, or the embedded server) and the stores built on it. Indexes are
 * created at start: only unique ones are relied on for correctness, since the embedded server builds no
 * others.
 */
public final class MongoStorage implements AutoCloseable {
    private final MongoClient client;
    private final MongoDatabase database;
    private final MongoPeopleStore people;
    private final MongoConversationStore conversations;
    private final MongoLearningLogStore log;
    private final MongoActionStore actions;
    private final MongoPreferencesStore preferences;
    private final MongoWebInbox webInbox;

    private MongoStorage(MongoClient client, MongoDatabase database) {
        this.client = client;
        this.database = database;
        this.people = new MongoPeopleStore(database);
        this.conversations = new MongoConversationStore(database);
        this.log = new MongoLearningLogStore(database);
        this.actions = new MongoActionStore(database);
        this.preferences = new MongoPreferencesStore(database);
        this.webInbox = new MongoWebInbox(database);
    }

    /**
     * Connects to {@code uri}; the database is the one named in the URI, or {@code fallbackDatabase}.
     */
    public static MongoStorage connect(String uri, String fallbackDatabase) {
        ConnectionString cs = new ConnectionString(uri);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(cs)
                .applyToClusterSettings(c -> {
                    if (cs.getServerSelectionTimeout() == null) {
                        c.serverSelectionTimeout(5, TimeUnit.SECONDS);
                    }
                })
                .applyToSocketSettings(s -> s.connectTimeout(5, TimeUnit.SECONDS))
                .build();
        MongoClient client = MongoClients.create(settings);
        String name = cs.getDatabase() == null ? fallbackDatabase : cs.getDatabase();
        MongoStorage storage = new MongoStorage(client, client.getDatabase(name));
        storage.ensureIndexes();
        return storage;
    }

    void ensureIndexes() {
        people.ensureIndexes();
        log.ensureIndexes();
        actions.ensureIndexes();
        webInbox.ensureIndexes();
    }

    /** True when the database answers a ping. */
    public boolean ping() {
        try {
            database.runCommand(new Document("ping", 1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public MongoDatabase database() {
        return database;
    }

    public PeopleStore people() {
        return people;
    }

    public ConversationStore conversations() {
        return conversations;
    }

    public LearningLogStore learningLog() {
        return log;
    }

    public ActionStore actions() {
        return actions;
    }

    /** Each person's nudge preferences. */
    public PreferencesStore preferences() {
        return preferences;
    }

    /** Nudges waiting for web chat users. */
    public WebInbox webInbox() {
        return webInbox;
    }

    @Override
    public void close() {
        client.close();
    }
}
