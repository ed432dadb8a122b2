package uk.ectmentor.core.content;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A mistake in a content file, named by file, line and field so an author can fix it. When a pack has
 * several mistakes, one exception carries them all ({@link #problems()}), one line each in the message.
 */
public class ContentException extends RuntimeException {
    private final String file;
    private final int line;
    private final String field;
    private final List<ContentException> problems;

    public ContentException(String file, int line, String field, String problem) {
        super(file + ":" + line + ": " + field + ": " + problem);
        this.file = file;
        this.line = line;
        this.field = field;
        this.problems = List.of(this);
    }

    private ContentException(List<ContentException> problems) {
        super(problems.size() + " problems in the content pack:\n" + problems.stream()
                .map(ContentException::getMessage).collect(Collectors.joining("\n")));
        ContentException first = problems.get(0);
        this.file = first.file;
        this.line = first.line;
        this.field = first.field;
        this.problems = List.copyOf(problems);
    }

    /** One exception for all of {@code problems} (not empty): the single problem itself when there is one. */
    public static ContentException of(List<ContentException> problems) {
        List<ContentException> flat = problems.stream().flatMap(p -> p.problems().stream()).toList();
        if (flat.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        return flat.size() == 1 ? flat.get(0) : new ContentException(flat);
    }

    public String file() { return file; }
    public int line() { return line; }
    public String field() { return field; }

    /** Every problem, in the order found; just this one for a single mistake. */
    public List<ContentException> problems() { return problems; }
}
