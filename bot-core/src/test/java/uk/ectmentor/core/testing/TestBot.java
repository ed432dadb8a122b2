package uk.ectmentor.core.testing;

import java.time.Duration;
import java.time.Instant;

import uk.ectmentor.core.MentorBot;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;

/**
 * The whole core on an in-memory MongoDB wire-protocol server on loopback, with the demo school and a
 * clock the test controls. Close it after the test.
 */
public final class TestBot implements AutoCloseable {
    /** Wednesday 25 November 2026, 16:00 in London: a term-time afternoon. */
    public static final Instant START = Instant.parse("2026-11-25T16:00:00Z");
    /** Calendar links as a deployed bot makes them: its public address and a secret for the keys. */
    public static final uk.ectmentor.core.nudges.CalendarFeeds FEEDS =
            uk.ectmentor.core.nudges.CalendarFeeds.of("https://bot.example.org/", "test-feed-secret-0123456789");

    public final EmbeddedMongo server = EmbeddedMongo.inMemory();
    public final MongoStorage storage = MongoStorage.connect(server.connectionString(), "test",
            uk.ectmentor.core.trust.FieldCipher.fromSpec("test:" + uk.ectmentor.core.trust.FieldCipher.newKey()));
    public final MutableClock clock = new MutableClock(START);
    public final ConversationEngine engine;

    /** The built-in content pack plus the test-only sessions (a Module 4 audit), and the demo school. */
    public TestBot() {
        this(LearningFixtures.content());
    }

    /** The bot with this content pack (e.g. the built-in pack plus test-only session files). */
    public TestBot(ContentPack content) {
        DemoData.install(storage.people(), storage.actions(), clock);
        engine = MentorBot.engine(storage.botParts(content, clock, Duration.ofHours(12), uk.ectmentor.core.calendar.SchoolCalendars.englandDefault())
                .withFeeds(FEEDS));
    }

    /**
     * Empties every collection and sets the store up for a transcript's fixture, the clock back at
     * {@link #START}: {@code demo} is the demo school; {@code learning} adds mentor jo and ECT kim.
     */
    public void reset(String fixture) {
        for (String collection : storage.database().listCollectionNames()) {
            storage.database().getCollection(collection).deleteMany(new org.bson.Document());
        }
        clock.set(START);
        DemoData.install(storage.people(), storage.actions(), clock);
        if (fixture.equals("learning")) {
            LearningFixtures.install(storage);
        } else if (!fixture.equals("demo")) {
            throw new IllegalArgumentException("unknown fixture " + fixture);
        }
    }

    /** Gives everyone in the demo school an identity on another platform too, e.g. Slack user U_SAM for sam. */
    public void linkEveryone(String platform, String tenant, java.util.function.UnaryOperator<String> userIdOf) {
        for (var person : storage.people().peopleIn(DemoData.SCHOOL)) {
            storage.people().linkIdentity(new uk.ectmentor.core.chat.UserRef(platform, tenant, userIdOf.apply(person.id())), person.id());
        }
    }

    /** Talks straight to the engine; a minute passes on the clock before each turn. */
    public CoreChannel channel() {
        return new CoreChannel(engine, () -> clock.advance(java.time.Duration.ofMinutes(1)), clock::advance);
    }

    @Override
    public void close() {
        storage.close();
        server.close();
    }
}
