package uk.ectmentor.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import uk.ectmentor.core.content.ContentException;
import uk.ectmentor.core.content.ContentLoader;

/**
 * Coverage-guided fuzzing of the content loader: any text as a content file is loaded or reported as a
 * content error naming the file for every problem, never anything else. Saved inputs (replayed in every build) live under
 * {@code src/test/resources/uk/ectmentor/core/fuzz/ContentLoaderFuzzTestInputs/}.
 */
class ContentLoaderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void contentLoaderOnlyEverReportsContentErrors(FuzzedDataProvider data) {
        String yaml = data.consumeRemainingAsString();
        try {
            ContentLoader.parse("fuzz.yaml", yaml);
        } catch (ContentException expected) {
            // one problem, or several listed under a count: each names the file, its line and field
            assertThat(expected.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.getMessage()).startsWith("fuzz.yaml:");
                assertThat(p.file()).isEqualTo("fuzz.yaml");
                assertThat(p.line()).isNotNegative();
            });
        }
    }
}
