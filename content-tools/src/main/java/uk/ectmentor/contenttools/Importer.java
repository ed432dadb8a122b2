package uk.ectmentor.contenttools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import uk.ectmentor.core.content.ContentException;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.content.Session;

/**
 * Turns provider documents (files or whole folders) into sessions. Pages that describe the same
 * session (the same year, module, week and kind) are merged into one. No file stops the run: a file
 * that cannot be read is reported and skipped.
 */
public final class Importer {
    private Importer() {
    }

    /** What an import produced. */
    public record Result(int filesRead, int filesSkipped, List<Session> sessions, List<Warning> warnings) {
        public long fullyTimed() {
            return sessions.stream().filter(s -> !s.sections().isEmpty() && s.sections().stream().allMatch(x -> x.minutes() != null)).count();
        }
    }

    public static Result importAll(List<Path> inputs) {
        List<Warning> warnings = new ArrayList<>();
        Map<String, Draft> drafts = new LinkedHashMap<>();
        int read = 0;
        int skipped = 0;
        for (Path input : inputs) {
            String programme = programmeName(input);
            for (Path file : files(input, warnings)) {
                try {
                    SourceText src = SourceText.read(file);
                    read++;
                    warnings.addAll(src.warnings());
                    Draft d = Recogniser.recognise(src, programme, warnings);
                    if (d == null) {
                        continue;
                    }
                    Draft earlier = drafts.get(d.key());
                    if (earlier == null) {
                        drafts.put(d.key(), d);
                    } else {
                        earlier.absorb(d);
                    }
                } catch (IOException | UncheckedIOException e) {
                    skipped++;
                    warnings.add(new Warning(file.toString(), 0, "skipped: " + e.getMessage()));
                } catch (RuntimeException | StackOverflowError e) {
                    skipped++;
                    warnings.add(new Warning(file.toString(), 0, "skipped: could not be read (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"));
                }
            }
        }
        List<Session> sessions = new ArrayList<>();
        for (Draft d : drafts.values()) {
            Session s = d.toSession();
            // prove each session survives the pack format before it is offered as output
            try {
                ContentLoader.parse(s.id() + ".yaml", PackWriter.yaml(s));
                sessions.add(s);
            } catch (ContentException e) {
                for (ContentException p : e.problems()) {
                    warnings.add(new Warning(d.file, 0, "session '" + s.id() + "' not produced: " + p.field() + ": " + p.getMessage()));
                }
            }
        }
        return new Result(read, skipped, sessions, warnings);
    }

    private static String programmeName(Path input) {
        Path dir = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
        String name = dir == null || dir.getFileName() == null ? "imported" : Draft.slugify(dir.getFileName().toString());
        return name.isEmpty() ? "imported" : name;
    }

    private static List<Path> files(Path input, List<Warning> warnings) {
        if (!Files.exists(input)) {
            warnings.add(new Warning(input.toString(), 0, "skipped: no such file or directory"));
            return List.of();
        }
        if (!Files.isDirectory(input)) {
            if (!SourceText.readable(input)) {
                warnings.add(new Warning(input.toString(), 0, "skipped: not a .md, .txt, .docx or .pdf file"));
                return List.of();
            }
            return List.of(input);
        }
        try (Stream<Path> walk = Files.walk(input)) {
            List<Path> out = new ArrayList<>();
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.equalsIgnoreCase("README.md") || name.startsWith(".")) {
                    continue;
                }
                if (SourceText.readable(p)) {
                    out.add(p);
                } else {
                    warnings.add(new Warning(p.toString(), 0, "skipped: not a .md, .txt, .docx or .pdf file"));
                }
            }
            return out;
        } catch (IOException | UncheckedIOException e) {
            warnings.add(new Warning(input.toString(), 0, "skipped: cannot read the folder (" + e.getMessage() + ")"));
            return List.of();
        }
    }

    /** Writes each session to {@code out/year-N/<id>.yaml}; returns the files written. */
    public static List<Path> write(List<Session> sessions, Path out) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Session s : sessions) {
            Path file = out.resolve("year-" + s.year()).resolve(s.id() + ".yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, PackWriter.yaml(s), StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }
}
