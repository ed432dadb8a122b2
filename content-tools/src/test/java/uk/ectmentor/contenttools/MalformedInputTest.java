package uk.ectmentor.contenttools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Odd files are reported with their name and the import goes on. */
class MalformedInputTest {

    private static final String GOOD = """
            ---
            title: "Week 2 mentor materials"
            ---

            ## Planning a routine

            Review: 5 mins

            1. Follow up last week's action.

            Next Steps: 5 mins

            - Agree one precise action.
            """;

    @Test
    void emptyJunkHugeAndFakeDocumentsAreSkippedWithAReasonAndTheRestIsImported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a-week-2-mentor.md"), GOOD);
        Files.writeString(dir.resolve("empty-mentor.txt"), "");
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        Files.write(dir.resolve("junk-mentor.txt"), junk);
        Files.write(dir.resolve("fake-mentor.docx"), junk);
        Files.write(dir.resolve("fake-mentor.pdf"), "%PDF-1.7 then nothing".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve("notes.odt"), "not a format the importer reads");
        Path huge = dir.resolve("huge-week-3-mentor.txt");
        try (OutputStream out = Files.newOutputStream(huge)) {
            byte[] line = "Review: 5 mins and a great deal of text that goes on and on\n".getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < 20L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }

        Importer.Result r = Importer.importAll(List.of(dir));

        assertThat(r.sessions()).extracting(s -> s.title()).containsExactly("Planning a routine");
        assertThat(r.filesSkipped()).isEqualTo(5);
        assertThat(r.warnings()).extracting(Warning::toString).anySatisfy(w -> assertThat(w).contains("empty-mentor.txt:0: skipped: the file is empty"))
                .anySatisfy(w -> assertThat(w).contains("junk-mentor.txt:0: skipped: the file does not look like text"))
                .anySatisfy(w -> assertThat(w).contains("fake-mentor.docx:0: skipped: not a readable Word document"))
                .anySatisfy(w -> assertThat(w).contains("fake-mentor.pdf:0: skipped: not a readable PDF"))
                .anySatisfy(w -> assertThat(w).contains("notes.odt:0: skipped: not a .md, .txt, .docx or .pdf file"))
                .anySatisfy(w -> assertThat(w).contains("huge-week-3-mentor.txt:0: skipped: the file is 20 MB"));
    }

    @Test
    void brokenFrontMatterIsReportedAndTheBodyStillRead(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("unclosed-week-4-mentor.md"), "---\ntitle: \"never closed\n\n## Sharing practice\n\nReview: 10 mins\n\n- What went well?\n");
        Files.writeString(dir.resolve("invalid-week-5-mentor.md"), "---\ntitle: [oops\n---\n\n## Marking together\n\nPlan: 15 mins\n");

        Importer.Result r = Importer.importAll(List.of(dir));

        assertThat(r.warnings()).extracting(Warning::toString)
                .anySatisfy(w -> assertThat(w).endsWith("unclosed-week-4-mentor.md:1: front matter is opened with --- but never closed; read the file as plain text"))
                .anySatisfy(w -> assertThat(w).contains("invalid-week-5-mentor.md:2: front matter is not valid YAML"));
        assertThat(r.sessions()).extracting(s -> s.week(), s -> s.sections().get(0).minutes())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(4, 10), org.assertj.core.groups.Tuple.tuple(5, 15));
    }

    @Test
    void minutesInWordsAndRangesAreReadAndFlagged(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("week-1-mentor.txt"), """
                Week 1: Getting started
                Review – fifteen minutes
                Plan (10 min)
                Theory to Practice: 20-25 mins
                Next Steps 5 mins
                Watch the first 5 minutes of a colleague's lesson.
                """);

        Importer.Result r = Importer.importAll(List.of(dir));

        assertThat(r.sessions()).hasSize(1);
        assertThat(r.sessions().get(0).sections()).extracting(s -> s.name(), s -> s.minutes()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Review", 15), org.assertj.core.groups.Tuple.tuple("Plan", 10),
                org.assertj.core.groups.Tuple.tuple("Theory to Practice", 25), org.assertj.core.groups.Tuple.tuple("Next Steps", 5));
        assertThat(r.warnings()).extracting(Warning::toString)
                .contains(dir.resolve("week-1-mentor.txt") + ":4: a range of minutes (20-25); used the upper figure");
    }

    @Test
    void aFileNamedDirectlyInAnUnreadFormatIsReported(@TempDir Path dir) throws IOException {
        Path odt = Files.writeString(dir.resolve("week-1-mentor.odt"), "Review: 5 mins");
        Importer.Result r = Importer.importAll(List.of(odt));
        assertThat(r.sessions()).isEmpty();
        assertThat(r.warnings()).extracting(Warning::toString).containsExactly(odt + ":0: skipped: not a .md, .txt, .docx or .pdf file");
    }

    @Test
    void aMissingInputIsReportedNotThrown(@TempDir Path dir) {
        Importer.Result r = Importer.importAll(List.of(dir.resolve("nowhere")));
        assertThat(r.sessions()).isEmpty();
        assertThat(r.warnings()).extracting(Warning::problem).containsExactly("skipped: no such file or directory");
    }
}
