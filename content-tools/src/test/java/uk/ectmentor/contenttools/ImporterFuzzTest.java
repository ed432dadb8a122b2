package uk.ectmentor.contenttools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import uk.ectmentor.core.content.ContentException;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.content.Session;

/**
 * Coverage-guided fuzzing of the content importer, below the per-file safety net in {@link Importer}
 * (which turns any exception into a "skipped" warning and so would hide a crash): arbitrary bytes as a
 * Markdown or text file are read, recognised and written as a pack file. The only failures allowed are
 * an {@link IOException} for an unreadable file and a {@link ContentException} from the pack check that
 * {@link Importer} reports as a warning. A normal test run replays the saved inputs under
 * {@code src/test/resources/uk/ectmentor/contenttools/ImporterFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1 ./mvnw -o -pl content-tools -am test -Dtest=ImporterFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * fuzzes for the given time.
 */
class ImporterFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("importer-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void anyFileIsImportedOrReportedNeverCrashes(FuzzedDataProvider data) throws IOException {
        String name = data.pickValue(new String[] {"mentor-session-week-3.md", "ect-self-study-module-2-week-4.txt", "notes.md"});
        byte[] bytes = data.consumeRemainingAsBytes();
        Path file = DIR.resolve(name);
        Files.write(file, bytes);
        SourceText src;
        try {
            src = SourceText.read(file);
        } catch (IOException unreadable) {
            assertThat(unreadable.getMessage()).isNotBlank();
            return;
        } finally {
            Files.deleteIfExists(file);
        }
        List<Warning> warnings = new ArrayList<>();
        Draft draft = Recogniser.recognise(src, "Fuzz Programme", warnings);
        if (draft == null) {
            return;
        }
        Session session = draft.toSession();
        assertThat(session.id()).isNotBlank();
        String yaml = PackWriter.yaml(session);
        try {
            ContentLoader.parse(session.id() + ".yaml", yaml);
        } catch (ContentException reported) {
            assertThat(reported.problems()).isNotEmpty();
        }
    }
}
