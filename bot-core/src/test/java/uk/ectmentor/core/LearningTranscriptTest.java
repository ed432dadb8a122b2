package uk.ectmentor.core;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import uk.ectmentor.core.testing.CoreChannel;
import uk.ectmentor.core.testing.LearningFixtures;
import uk.ectmentor.core.testing.TestBot;
import uk.ectmentor.core.testing.Transcript;

/**
 * Reflections, the guided Gibbs cycle, the learning log, module audits and the Year 2 action plan, as
 * transcripts played into the engine with {@link LearningFixtures} (demo pair alex/sam, second pair
 * jo/kim, a test Module 4 audit). Adapters can replay the same files after the same set-up.
 */
class LearningTranscriptTest {
    private TestBot bot;

    @BeforeEach
    void start() {
        bot = LearningFixtures.bot();
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gibbs-reflection", "gibbs-cancel-resume", "log-share-edit-delete", "log-filter-export",
            "log-privacy", "module-audit", "module-audit-none", "action-plan", "learning-two-users"})
    void transcript(String name) {
        Transcript.resource("transcripts/" + name + ".transcript").run(bot.channel());
    }

    /** A flow idle longer than the timeout is set aside with a note; what was answered can be carried on. */
    @Test
    void aGuidedReflectionLeftIdleExpiresAndCanBeCarriedOn() {
        CoreChannel channel = bot.channel();
        Transcript.resource("transcripts/gibbs-expiry-before.transcript").run(channel);
        bot.clock.advance(Duration.ofHours(13));
        Transcript.resource("transcripts/gibbs-expiry-after.transcript").run(channel);
    }

    @Test
    void anAuditLeftIdleExpiresAndStartsAgainCleanly() {
        CoreChannel channel = bot.channel();
        Transcript.resource("transcripts/audit-expiry-before.transcript").run(channel);
        bot.clock.advance(Duration.ofHours(13));
        Transcript.resource("transcripts/audit-expiry-after.transcript").run(channel);
    }
}
