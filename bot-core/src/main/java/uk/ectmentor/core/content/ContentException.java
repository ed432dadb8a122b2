package uk.ectmentor.core.content;

/** A mistake in a content file, named by file, line and field so an author can fix it. */
public class ContentException extends RuntimeException {
    private final String file;
    private final int line;
    private final String field;

    public ContentException(String file, int line, String field, String problem) {
        super(file + ":" + line + ": " + field + ": " + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() { return file; }
    public int line() { return line; }
    public String field() { return field; }
}
