package uk.ectmentor.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import uk.ectmentor.core.engine.Intents;

/**
 * Coverage-guided fuzzing of the command parser: whatever a person types, it matches a command or not,
 * never throws, and the arguments it finds are part of what was typed. Each build replays the saved inputs
 * under {@code src/test/resources/uk/ectmentor/core/fuzz/CommandParserFuzzTestInputs/}; CI (and
 * {@code JAZZER_FUZZ=1}) fuzzes for the given time, and a crash found becomes a saved input there.
 */
class CommandParserFuzzTest {
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
}
