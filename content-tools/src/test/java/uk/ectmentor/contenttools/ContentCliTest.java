package uk.ectmentor.contenttools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ContentCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void importPrintsASummaryAndWritesAPackThatValidates(@TempDir Path dest) {
        int rc = run("import", "--out", dest.toString(), Shared.samples().toString(), Shared.dir().resolve("seeds").toString());

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(rc).isZero();
        assertThat(text).contains("files read: 26", "sessions produced: 16 (written to " + dest + ")",
                "sessions with every section timed: 13");
        assertThat(text).containsPattern("warning: .*ucl-year-1-enabling-pupil-learning\\.md:\\d+: covers weeks \\[1, 2");

        out.reset();
        assertThat(run("validate", dest.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("content pack is valid (16 sessions)");
    }

    @Test
    void validateListsEveryErrorAndFails(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("one.yaml"), "id: one\nkind: mentor\nmodule: 1\nweek: 1\nsections:\n  - name: Review\n    minutes: ten\n");
        Files.writeString(dir.resolve("two.yaml"), "id: two\nkind: ect\nmodule: 1\nweek: 2\ntitle: T\nscenarios:\n  - phase: Nursery\n    text: x\n");

        int rc = run("validate", dir.toString());

        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(rc).isEqualTo(1);
        assertThat(text).contains(dir.resolve("one.yaml") + ":1: title: is missing",
                dir.resolve("one.yaml") + ":7: sections[0].minutes: must be a whole number, not 'ten'",
                dir.resolve("two.yaml") + ":7: scenarios[0].phase: must be one of [EYFS, Primary, Secondary, SEND, Alternative provision], not 'Nursery'",
                "3 problems in " + dir);
    }

    @Test
    void badUsageIsExplained() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("import")).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: content import [--out DIR] FILE_OR_DIR...", "Unknown content command 'frobnicate'");
    }
}
