package uk.ectmentor.contenttools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ectmentor.core.content.Section;
import uk.ectmentor.core.content.Session;

/** Word and PDF files, written in the test from seed text, come through the same recogniser. */
class DocumentFormatsTest {

    private static List<String> seedLines(String prefix) throws IOException {
        return Files.readAllLines(Shared.seed(prefix), StandardCharsets.UTF_8);
    }

    @Test
    void aWordDocumentMadeFromTheModule4Week6SeedIsRecognised(@TempDir Path dir) throws IOException {
        Path docx = dir.resolve("module-4-week-6-mentor.docx");
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(docx)) {
            for (String line : seedLines("000")) {
                doc.createParagraph().createRun().setText(line);
            }
            doc.write(out);
        }

        Importer.Result r = Importer.importAll(List.of(docx));

        assertThat(r.sessions()).hasSize(1);
        Session s = r.sessions().get(0);
        assertThat(s.id()).isEqualTo("m4w6-mentor");
        assertThat(s.title()).isEqualTo("Putting effective marking and feedback into practice");
        assertThat(s.sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Review", 5), tuple("Plan", 5), tuple("Theory to Practice", 35), tuple("Next Steps", 5));
        assertThat(s.section("Theory to Practice").orElseThrow().activities()).hasSize(4);
    }

    @Test
    void aPdfMadeFromTheModule5Week7SeedIsRecognised(@TempDir Path dir) throws IOException {
        Path pdf = dir.resolve("module-5-week-7.pdf");
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        try (PDDocument doc = new PDDocument()) {
            PDPage page = null;
            PDPageContentStream content = null;
            float y = 0;
            for (String raw : seedLines("004")) {
                String line = winAnsi(raw);
                if (page == null || y < 60) {
                    if (content != null) {
                        content.endText();
                        content.close();
                    }
                    page = new PDPage();
                    doc.addPage(page);
                    content = new PDPageContentStream(doc, page);
                    content.setFont(font, 9);
                    content.beginText();
                    y = 760;
                    content.newLineAtOffset(40, y);
                }
                content.showText(line);
                content.newLineAtOffset(0, -12);
                y -= 12;
            }
            content.endText();
            content.close();
            doc.save(pdf.toFile());
        }

        Importer.Result r = Importer.importAll(List.of(pdf));

        assertThat(r.sessions()).hasSize(1);
        Session s = r.sessions().get(0);
        assertThat(s.id()).isEqualTo("m5w7-mentor");
        assertThat(s.title()).isEqualTo("Review of Year 1 and planning for Year 2");
        assertThat(s.sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Mentor Meeting Activities", 45), tuple("Next Steps", 5));
        assertThat(s.sections().get(0).activities()).hasSize(1);
        assertThat(s.sections().get(0).activities().get(0).prompts()).hasSize(6);
    }

    /** Standard PDF fonts only cover Windows-1252; the seed's few other characters are swapped for ASCII. */
    private static String winAnsi(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.replace('\t', ' ').toCharArray()) {
            b.append(c == '’' || c == '‘' ? '\'' : c == '“' || c == '”' ? '"' : c < 0x20 ? ' ' : c > 0xff && c != '–' && c != '—' ? '-' : c);
        }
        return b.toString();
    }
}
