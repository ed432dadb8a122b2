package uk.ectmentor.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import uk.ectmentor.core.content.ContentException;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.engine.Intents;

/**
 * Coverage-guided fuzzing of what reads user and author input. In a normal test run each target replays
 * its saved inputs (regression mode); {@code JAZZER_FUZZ=1 ./mvnw -pl bot-core test -Dtest=ParserFuzzTest}
 * fuzzes for the given time. A crash found becomes a saved input under
 * {@code src/test/resources/uk/ectmentor/core/fuzz/ParserFuzzTestInputs/}.
 */
class ParserFuzzTest {
    private static final Intents INTENTS = new Intents();

    static {
        for (String phrase : new String[] {"prompts", "next", "next steps", "my actions", "snooze a week", "help", "log"}) {
            INTENTS.add(phrase, phrase, false);
        }
        INTENTS.add("reflect", "reflect", true);
        INTENTS.add("session", "session", true);
    }

    @FuzzTest(maxDuration = "20s")
    void commandParserNeverThrows(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        INTENTS.match(text).ifPresent(m -> {
            assertThat(m.command()).isNotBlank();
            assertThat(text).contains(m.args());
        });
    }

    @FuzzTest(maxDuration = "20s")
    void contentLoaderOnlyEverReportsContentErrors(FuzzedDataProvider data) {
        String yaml = data.consumeRemainingAsString();
        try {
            ContentLoader.parse("fuzz.yaml", yaml);
        } catch (ContentException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz.yaml:");
        }
    }
}
