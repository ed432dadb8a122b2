package uk.ectmentor.core.roster;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields, doubled quotes, line breaks inside quotes, a leading byte-order mark ignored. */
public final class Csv {
    private Csv() {
    }

    /** A parsed line: its 1-based line number in the file and its fields. */
    public record Line(int number, List<String> fields) {
    }

    /**
     * @throws IllegalArgumentException naming the line of an unclosed quote
     */
    public static List<Line> parse(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Line> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int startLine = 1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    fields.add(field.toString());
                    lines.add(new Line(startLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                any = false;
                line++;
                startLine = line;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + startLine + ": a quoted field is never closed");
        }
        if (any || field.length() > 0) {
            fields.add(field.toString());
            lines.add(new Line(startLine, List.copyOf(fields)));
        }
        return lines;
    }

    /**
     * A value ready for a CSV cell: quoted when needed, and with a leading {@code '} when it would start with
     * a character a spreadsheet reads as a formula ({@code = + - @}).
     */
    public static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                || !value.equals(value.strip())) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
