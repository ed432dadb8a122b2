package uk.ectmentor.core.reflect;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import uk.ectmentor.core.people.Person;

/** A learning log as a Markdown document: oldest first, grouped by module and week. */
final class LogMarkdown {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.UK);

    private LogMarkdown() {
    }

    static String render(Person owner, List<LogEntry> entries, String filter, ZoneId zone, Instant now) {
        List<LogEntry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparing(LogEntry::createdAt).thenComparing(LogEntry::id));
        StringBuilder md = new StringBuilder();
        md.append("# Learning log: ").append(owner.name()).append("\n\n");
        md.append("_Exported ").append(DAY.format(now.atZone(zone))).append(" · ").append(ordered.size())
                .append(ordered.size() == 1 ? " entry" : " entries").append(filter.isEmpty() ? "" : " · " + filter).append("_\n");
        String group = null;
        for (LogEntry e : ordered) {
            String g = e.module() == 0 ? "Not linked to a module week" : "Module " + e.module() + ", week " + e.week();
            if (!g.equals(group)) {
                md.append("\n## ").append(g).append("\n");
                group = g;
            }
            md.append("\n### ").append(DAY.format(e.createdAt().atZone(zone))).append(" · ")
                    .append(Character.toUpperCase(e.kind().charAt(0))).append(e.kind().substring(1))
                    .append(e.kind().equals("reflection") ? (e.shared() ? " · shared with mentor" : " · private") : "")
                    .append("\n\n");
            for (String line : e.text().strip().split("\\R")) {
                md.append(line.strip()).append("  \n");
            }
        }
        return md.toString();
    }

    /** Splits at line ends into pieces no longer than {@code max} characters (long lines are cut). */
    static List<String> chunks(String text, int max) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            while (line.length() > max) {
                if (current.length() > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                out.add(line.substring(0, max));
                line = line.substring(max);
            }
            if (current.length() + line.length() + 1 > max && current.length() > 0) {
                out.add(current.toString());
                current.setLength(0);
            }
            current.append(line).append('\n');
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().stripTrailing());
        }
        return out;
    }
}
