package uk.ectmentor.core.calendar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import uk.ectmentor.core.people.School;

/**
 * Each school's calendar: {@code <dir>/<schoolId>.yaml} (or {@code .yml}, or {@code .ics} of term dates)
 * when a calendar directory is configured and has one, else England's default for the year. Always in
 * the school's own time zone. Files are read once and kept.
 */
public final class SchoolCalendars {
    private final Path dir;
    private final SchoolCalendar fallback;
    private final Map<String, SchoolCalendar> bySchool = new ConcurrentHashMap<>();

    /** @param dir a directory of per-school files, or null for the default everywhere */
    public SchoolCalendars(Path dir) {
        this(dir, CalendarLoader.englandDefault());
    }

    public SchoolCalendars(Path dir, SchoolCalendar fallback) {
        this.dir = dir;
        this.fallback = fallback;
    }

    public static SchoolCalendars englandDefault() {
        return new SchoolCalendars(null);
    }

    public SchoolCalendar forSchool(School school) {
        return bySchool.computeIfAbsent(school.id(), id -> load(school));
    }

    private SchoolCalendar load(School school) {
        if (dir != null) {
            for (String ext : new String[] {".yaml", ".yml", ".ics"}) {
                Path file = dir.resolve(school.id() + ext);
                if (Files.isRegularFile(file)) {
                    return CalendarLoader.file(file, school.zone());
                }
            }
        }
        return fallback.withZone(school.zone());
    }
}
