package uk.ectmentor.core.testing;

import java.time.Duration;
import java.time.Instant;

import uk.ectmentor.core.MentorBot;
import uk.ectmentor.core.content.ContentLoader;
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

    public final EmbeddedMongo server = EmbeddedMongo.inMemory();
    public final MongoStorage storage = MongoStorage.connect(server.connectionString(), "test");
    public final MutableClock clock = new MutableClock(START);
    public final ConversationEngine engine;

    public TestBot() {
        DemoData.install(storage.people(), storage.actions(), clock);
        engine = MentorBot.engine(new MentorBot.Parts(storage.people(), storage.conversations(), storage.learningLog(),
                storage.actions(), ContentLoader.load(null), clock, Duration.ofHours(12), storage.linkCodes()));
    }

    /** Talks straight to the engine; a minute passes on the clock before each turn. */
    public CoreChannel channel() {
        return new CoreChannel(engine, () -> clock.advance(java.time.Duration.ofMinutes(1)));
    }

    @Override
    public void close() {
        storage.close();
        server.close();
    }
}
