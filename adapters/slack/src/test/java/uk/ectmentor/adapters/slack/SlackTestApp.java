package uk.ectmentor.adapters.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.storage.MongoStorage;
import uk.ectmentor.core.testing.MutableClock;
import uk.ectmentor.core.testing.TestBot;

/**
 * The Slack adapter on the real core: the demo school in the in-memory MongoDB, with Slack identities for
 * alex (U_ALEX) and sam (U_SAM) in workspace T1, a clock the tests move, and a pacer that moves it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = MongoAutoConfiguration.class)
@Import(SlackConfiguration.class)
class SlackTestApp {
    static final String TEAM = "T1";
    static final String ALEX = "U_ALEX";
    static final String SAM = "U_SAM";
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    /** Every pause the adapter asked for, in order. */
    static final List<Duration> PAUSES = new CopyOnWriteArrayList<>();

    @Bean(destroyMethod = "close")
    TestBot testBot() {
        TestBot bot = new TestBot();
        bot.storage.people().linkIdentity(new UserRef("slack", TEAM, ALEX), "alex");
        bot.storage.people().linkIdentity(new UserRef("slack", TEAM, SAM), "sam");
        return bot;
    }

    @Bean
    Clock clock(TestBot bot) {
        return bot.clock;
    }

    @Bean(destroyMethod = "")
    MongoStorage storage(TestBot bot) {
        return bot.storage;
    }

    @Bean
    ConversationEngine engine(TestBot bot) {
        return bot.engine;
    }

    @Bean
    ContentPack content() {
        return ContentLoader.load(null);
    }

    @Bean
    Pacer pacer(TestBot bot) {
        MutableClock clock = bot.clock;
        return d -> {
            PAUSES.add(d);
            clock.advance(d);
        };
    }
}
