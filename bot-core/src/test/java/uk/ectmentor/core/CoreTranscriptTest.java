package uk.ectmentor.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ectmentor.core.testing.TestBot;
import uk.ectmentor.core.testing.Transcript;
import uk.ectmentor.core.testing.Transcripts;

/**
 * Every transcript, played straight into the engine on the fixture it names. The web chat, Slack and Teams
 * replay the same files through their platforms.
 */
class CoreTranscriptTest {
    private TestBot bot;

    @BeforeEach
    void start() {
        bot = new TestBot();
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    static java.util.List<String> transcripts() {
        return Transcripts.names();
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void transcript(String name) {
        Transcript transcript = Transcripts.load(name);
        bot.reset(transcript.fixture());
        transcript.run(bot.channel());
    }
}
