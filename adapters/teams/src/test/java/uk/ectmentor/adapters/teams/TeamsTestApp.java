package uk.ectmentor.adapters.teams;

import java.time.Clock;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.storage.MongoStorage;
import uk.ectmentor.core.testing.TestBot;

/** The Teams adapter on the whole core (in-memory MongoDB on loopback, demo school, test clock). */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = MongoAutoConfiguration.class)
@Import({TeamsConfiguration.class, TeamsController.class})
class TeamsTestApp {
    static final String TENANT = "tenant-1";

    static UserRef teamsUser(String name) {
        return new UserRef("teams", TENANT, "aad-" + name);
    }

    @Bean(destroyMethod = "close")
    TestBot testBot() {
        TestBot bot = new TestBot();
        bot.storage.people().linkIdentity(teamsUser(DemoData.MENTOR), DemoData.MENTOR);
        bot.storage.people().linkIdentity(teamsUser(DemoData.ECT), DemoData.ECT);
        return bot;
    }

    @Bean
    ConversationEngine conversationEngine(TestBot bot) {
        return bot.engine;
    }

    @Bean(destroyMethod = "")
    MongoStorage mongoStorage(TestBot bot) {
        return bot.storage;
    }

    @Bean
    Clock clock(TestBot bot) {
        return bot.clock;
    }

    /** The sender's throttle and backoff waits move the test clock instead of sleeping. */
    @Bean
    Sleeper sleeper(TestBot bot) {
        return bot.clock::advance;
    }
}
