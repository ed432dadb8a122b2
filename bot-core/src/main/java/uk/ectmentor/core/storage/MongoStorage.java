package uk.ectmentor.core.storage;

import java.util.concurrent.TimeUnit;

import org.bson.Document;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import uk.ectmentor.core.actions.ActionStore;
import uk.ectmentor.core.audit.AuditStore;
import uk.ectmentor.core.delivery.InboundDedupStore;
import uk.ectmentor.core.identity.LinkCodeStore;
import uk.ectmentor.core.delivery.ConversationRefStore;
import uk.ectmentor.core.meeting.MeetingStore;
import uk.ectmentor.core.onboarding.InviteStore;
import uk.ectmentor.core.delivery.WebInbox;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.nudges.PreferencesStore;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.plan.PlanStore;
import uk.ectmentor.core.reflect.LearningLogStore;
import uk.ectmentor.core.trust.FieldCipher;

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
    private final SealedFields sealed;
    private final MongoActionStore actions;
    private final MongoMeetingStore meetings;
    private final MongoInviteStore invites;
    private final MongoAuditStore audits;
    private final MongoPlanStore plans;
    private final MongoErasure erasure;
    private final MongoAuditTrail audit;
    private final MongoRetentionStore retention;
    private final MongoEngagementStore engagement;
    private final MongoInboundDedupStore inboundDedup;
    private final MongoLinkCodeStore linkCodes;
    private final MongoConversationRefStore conversationRefs;
    private final MongoPreferencesStore preferences;
    private final MongoWebInbox webInbox;
    private final MongoInstanceStore instances;

    private MongoStorage(MongoClient client, MongoDatabase database, FieldCipher cipher) {
        this.client = client;
        this.database = database;
        this.people = new MongoPeopleStore(database);
        this.conversations = new MongoConversationStore(database, cipher);
        this.log = new MongoLearningLogStore(database, cipher);
        this.sealed = new SealedFields(cipher);
        this.actions = new MongoActionStore(database, sealed);
        this.meetings = new MongoMeetingStore(database, sealed);
        this.invites = new MongoInviteStore(database);
        this.audits = new MongoAuditStore(database, sealed);
        this.plans = new MongoPlanStore(database, sealed);
        java.util.Map<String, java.util.function.UnaryOperator<Document>> openers = new java.util.HashMap<>(sealed.openers());
        openers.put("learningLog", log::opened);
        openers.put("conversations", conversations::opened);
        this.erasure = new MongoErasure(database, MongoErasure.TARGETS, openers);
        this.audit = new MongoAuditTrail(database);
        this.retention = new MongoRetentionStore(database);
        this.engagement = new MongoEngagementStore(database);
        this.inboundDedup = new MongoInboundDedupStore(database, cipher);
        this.linkCodes = new MongoLinkCodeStore(database);
        this.conversationRefs = new MongoConversationRefStore(database);
        this.preferences = new MongoPreferencesStore(database);
        this.webInbox = new MongoWebInbox(database);
        this.instances = new MongoInstanceStore(database);
    }

    /**
     * Connects to {@code uri}; the database is the one named in the URI, or {@code fallbackDatabase}.
     */
    public static MongoStorage connect(String uri, String fallbackDatabase) {
        return connect(uri, fallbackDatabase, FieldCipher.none());
    }

    /**
     * Connects to {@code uri}, sealing the text fields named in the stores with {@code cipher} (reflection
     * text in the learning log).
     */
    public static MongoStorage connect(String uri, String fallbackDatabase, FieldCipher cipher) {
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
        MongoStorage storage = new MongoStorage(client, client.getDatabase(name), cipher);
        storage.ensureIndexes();
        return storage;
    }

    void ensureIndexes() {
        people.ensureIndexes();
        log.ensureIndexes();
        actions.ensureIndexes();
        meetings.ensureIndexes();
        invites.ensureIndexes();
        plans.ensureIndexes();
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

    public MeetingStore meetings() {
        return meetings;
    }

    public InviteStore invites() {
        return invites;
    }

    public AuditStore audits() {
        return audits;
    }

    public PlanStore plans() {
        return plans;
    }

    /** Export and erasure of a person's records across every collection. */
    public uk.ectmentor.core.rights.PersonalDataStore personalData() {
        return erasure;
    }

    public uk.ectmentor.core.rights.AuditTrail auditTrail() {
        return audit;
    }

    public uk.ectmentor.core.rights.RetentionStore retention() {
        return retention;
    }

    public uk.ectmentor.core.roster.EngagementStore engagement() {
        return engagement;
    }

    /** The stores behind data rights and engagement, for {@code MentorBot.Parts}. */
    public uk.ectmentor.core.trust.TrustParts trust() {
        return new uk.ectmentor.core.trust.TrustParts(erasure, audit, engagement, log);
    }

    /**
     * Housekeeping after a key rotation: re-seals stored text under the current key (messages still pending
     * included).
     *
     * @return how many records were re-sealed
     */
    public int reencryptAtRest() {
        return log.reencrypt() + conversations.reencrypt() + sealed.reencrypt(database) + inboundDedup.reencrypt();
    }

    public InboundDedupStore inboundDedup() {
        return inboundDedup;
    }

    /** The instances sharing this store, by their heartbeats. */
    public uk.ectmentor.core.delivery.InstanceStore instances() {
        return instances;
    }

    public LinkCodeStore linkCodes() {
        return linkCodes;
    }

    /** Everything the conversation engine needs from this store, with the content and settings given. */
    public uk.ectmentor.core.MentorBot.Parts botParts(uk.ectmentor.core.content.ContentPack content, java.time.Clock clock,
                                                     java.time.Duration flowIdleTimeout,
                                                     uk.ectmentor.core.calendar.SchoolCalendars calendars) {
        return new uk.ectmentor.core.MentorBot.Parts(people, conversations, log, actions, content, clock, flowIdleTimeout,
                meetings, invites, audits, plans, trust(), linkCodes, preferences, calendars,
                uk.ectmentor.core.nudges.CalendarFeeds.NONE);
    }

    /** Platform conversation references for messaging people unprompted. */
    public ConversationRefStore conversationRefs() {
        return conversationRefs;
    }

    /** Each person's nudge preferences. */
    public PreferencesStore preferences() {
        return preferences;
    }

    /** What nudges use from the meeting, audit and plan stores (pre-meeting answers, audit focus, plan review). */
    public uk.ectmentor.core.nudges.NudgeInputs nudgeInputs() {
        return new uk.ectmentor.core.nudges.StoredNudgeInputs(people, meetings, audits, plans, preferences);
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
