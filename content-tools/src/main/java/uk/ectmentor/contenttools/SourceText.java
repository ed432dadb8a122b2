package uk.ectmentor.contenttools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The text of one provider document as lines, with its YAML front matter when it is Markdown. Word and
 * PDF files are read with Apache POI and PDFBox.
 *
 * @param markdown true when headings are marked with {@code #}
 */
record SourceText(String file, List<String> lines, Map<String, Object> frontMatter, boolean markdown, List<Warning> warnings) {
    /** Files larger than this are reported and skipped. */
    static final long MAX_BYTES = 10L * 1024 * 1024;

    /** Extensions the importer reads. */
    static boolean readable(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".md") || n.endsWith(".markdown") || n.endsWith(".txt") || n.endsWith(".docx") || n.endsWith(".pdf");
    }

    /** Reads a file; problems become an {@link IOException} with a sentence fit for the summary. */
    static SourceText read(Path path) throws IOException {
        String file = path.toString();
        long size = Files.size(path);
        if (size == 0) {
            throw new IOException("the file is empty");
        }
        if (size > MAX_BYTES) {
            throw new IOException("the file is " + (size / (1024 * 1024)) + " MB; files over " + (MAX_BYTES / (1024 * 1024)) + " MB are skipped");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".docx")) {
            return plain(file, docx(path));
        }
        if (name.endsWith(".pdf")) {
            return plain(file, pdf(path));
        }
        String text = decode(Files.readAllBytes(path));
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return markdown(file, text);
        }
        return plain(file, text);
    }

    private static SourceText plain(String file, String text) throws IOException {
        if (text.isBlank()) {
            throw new IOException("no text could be found in the file");
        }
        return new SourceText(file, List.of(text.split("\\R", -1)), Map.of(), false, new ArrayList<>());
    }

    static SourceText markdown(String file, String text) throws IOException {
        if (text.isBlank()) {
            throw new IOException("no text could be found in the file");
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\\R", -1)));
        List<Warning> warnings = new ArrayList<>();
        Map<String, Object> front = new LinkedHashMap<>();
        if (!lines.isEmpty() && lines.get(0).strip().equals("---")) {
            int end = -1;
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).strip().equals("---")) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                warnings.add(new Warning(file, 1, "front matter is opened with --- but never closed; read the file as plain text"));
            } else {
                String yaml = String.join("\n", lines.subList(1, end));
                try {
                    Object parsed = new Yaml(new LoaderOptions()).load(yaml);
                    if (parsed instanceof Map<?, ?> m) {
                        m.forEach((k, v) -> front.put(String.valueOf(k), v));
                    } else if (parsed != null) {
                        warnings.add(new Warning(file, 2, "front matter is not a list of field: value lines; ignored"));
                    }
                } catch (YAMLException e) {
                    warnings.add(new Warning(file, 2, "front matter is not valid YAML (" + firstLine(e.getMessage()) + "); ignored"));
                }
                // keep line numbers: blank out the front matter instead of removing it
                for (int i = 0; i <= end; i++) {
                    lines.set(i, "");
                }
            }
        }
        return new SourceText(file, lines, front, true, warnings);
    }

    private static String firstLine(String s) {
        return s == null ? "unknown error" : s.strip().split("\\R")[0];
    }

    /** UTF-8 when the bytes are valid UTF-8, else Windows-1252; refuses binary data. */
    static String decode(byte[] bytes) throws IOException {
        int controls = 0;
        int sample = Math.min(bytes.length, 8192);
        for (int i = 0; i < sample; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f')) {
                controls++;
            }
        }
        if (controls > sample / 100 + 1) {
            throw new IOException("the file does not look like text (binary data)");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString().replace("\uFEFF", "");
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    private static String docx(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path);
             XWPFDocument doc = new XWPFDocument(in);
             XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            return extractor.getText();
        } catch (IOException e) {
            throw new IOException("not a readable Word document: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException("not a readable Word document (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String pdf(Path path) throws IOException {
        try (PDDocument doc = Loader.loadPDF(path.toFile())) {
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new IOException("not a readable PDF: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException("not a readable PDF (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
