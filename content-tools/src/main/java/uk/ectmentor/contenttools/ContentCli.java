package uk.ectmentor.contenttools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import uk.ectmentor.core.content.ContentException;
import uk.ectmentor.core.content.ContentLoader;

/** {@code content import [--out DIR] FILE_OR_DIR...} and {@code content validate DIR}. */
public final class ContentCli {
    public static final String USAGE = "content import [--out DIR] FILE_OR_DIR... | content validate DIR";

    private ContentCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: " + USAGE);
            return 2;
        }
        if (args[0].equals("import")) {
            return importCommand(args, out, err);
        }
        if (args[0].equals("validate")) {
            if (args.length != 2) {
                err.println("usage: content validate DIR");
                return 2;
            }
            return validate(Path.of(args[1]), out, err);
        }
        err.println("Unknown content command '" + args[0] + "'. usage: " + USAGE);
        return 2;
    }

    private static int importCommand(String[] args, PrintStream out, PrintStream err) {
        Path dest = Path.of("imported-content");
        List<Path> inputs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--out")) {
                if (i + 1 >= args.length) {
                    err.println("--out needs a directory");
                    return 2;
                }
                dest = Path.of(args[++i]);
            } else {
                inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty()) {
            err.println("usage: content import [--out DIR] FILE_OR_DIR...");
            return 2;
        }
        Importer.Result r = Importer.importAll(inputs);
        for (Warning w : r.warnings()) {
            out.println("warning: " + w);
        }
        try {
            Importer.write(r.sessions(), dest);
        } catch (IOException e) {
            err.println("cannot write to " + dest + ": " + e.getMessage());
            return 1;
        }
        out.println("files read: " + r.filesRead() + (r.filesSkipped() > 0 ? " (" + r.filesSkipped() + " skipped)" : ""));
        out.println("sessions produced: " + r.sessions().size() + " (written to " + dest + ")");
        out.println("sessions with every section timed: " + r.fullyTimed());
        out.println("warnings: " + r.warnings().size());
        return 0;
    }

    static int validate(Path dir, PrintStream out, PrintStream err) {
        List<ContentException> problems = ContentLoader.check(dir);
        if (problems.isEmpty()) {
            out.println(dir + ": content pack is valid (" + ContentLoader.directory(dir).size() + " sessions)");
            return 0;
        }
        for (ContentException p : problems) {
            err.println(p.getMessage());
        }
        err.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in " + dir);
        return 1;
    }
}
