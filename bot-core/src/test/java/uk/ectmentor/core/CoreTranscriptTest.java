package uk.ectmentor.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import uk.ectmentor.core.testing.TestBot;
import uk.ectmentor.core.testing.Transcript;

/** The transcripts, played straight into the engine. The adapters replay the same files through their platforms. */
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

    @ParameterizedTest
    @ValueSource(strings = {"mentor-prompts", "ect-reflection", "programme"})
    void transcript(String name) {
        Transcript.resource("transcripts/" + name + ".transcript").run(bot.channel());
    }
}
