package uk.ectmentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

import uk.ectmentor.core.content.ContentException;
import uk.ectmentor.core.content.ContentLoader;

class ContentCommandsTest {

    @Test
    void theContentCommandIsRegisteredAndListedInHelp(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(CliCommands.run(new String[] {"help"}, o, e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("content import [--out DIR] FILE_OR_DIR...");

        Files.writeString(dir.resolve("s.yaml"), "id: s\nkind: mentor\nmodule: 1\nweek: 1\ntitle: T\nsections:\n  - name: Review\n    minutes: lots\n");
        assertThat(CliCommands.run(new String[] {"content", "validate", dir.toString()}, o, e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(dir.resolve("s.yaml") + ":8: sections[0].minutes: must be a whole number, not 'lots'");
    }

    @Test
    void anInvalidSchoolPackStopsStartUpWithEveryProblemAndWhatToDo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "id: a\nkind: mentor\nmodule: 1\nweek: x\n");
        ContentException problems = (ContentException) org.assertj.core.api.Assertions.catchThrowable(() -> ContentLoader.load(dir));

        InvalidContentPackException invalid = new InvalidContentPackException(dir, problems);
        FailureAnalysis analysis = new ContentPackFailureAnalyzer().analyze(new RuntimeException("wrapped", invalid));

        assertThat(analysis.getDescription()).startsWith("The content pack is invalid, so the bot will not start (BOT_CONTENT_DIR=" + dir + "). 2 problems:")
                .contains(dir.resolve("a.yaml") + ":4: week: must be a whole number, not 'x'", dir.resolve("a.yaml") + ":1: title: is missing");
        assertThat(analysis.getAction()).contains("content validate DIR");
    }
}
