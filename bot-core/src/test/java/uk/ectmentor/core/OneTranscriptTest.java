package uk.ectmentor.core;

import org.junit.jupiter.api.Test;

import uk.ectmentor.core.testing.TestBot;
import uk.ectmentor.core.testing.Transcript;

class OneTranscriptTest {
    @Test
    void one() {
        try (TestBot bot = new TestBot()) {
            Transcript.resource("transcripts/" + System.getProperty("tx", "onboarding-pairing") + ".transcript").run(bot.channel());
        }
    }
}
