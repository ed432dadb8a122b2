package uk.ectmentor.core.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads school calendars: the project's YAML format, or an iCalendar (.ics) file of term dates as schools
 * and local authorities publish them.
 *
 * <pre>
 * name: Demo Academy 2026-27
 * zone: Europe/London                # optional: the school's own zone is used otherwise
 * terms:
 *   - {name: Autumn, start: 2026-09-02, end: 2026-12-18}
 * closures:                          # half terms, training days
 *   - {name: Autumn half term, start: 2026-10-26, end: 2026-10-30}
 * bank-holidays: [2026-12-25, 2026-12-28]   # optional: England and Wales when absent
 * </pre>
 */
public final class CalendarLoader {
    /** The England default shipped with the bot. */
    public static final String ENGLAND_DEFAULT = "calendar/england-2026-27.yaml";
    public static final String ENGLAND_AND_WALES_BANK_HOLIDAYS = "calendar/bank-holidays-england-wales.yaml";
    private static final Pattern CLOSURE = Pattern.compile("(?i).*(half[ -]?term|holiday|closed|closure|inset|training day|break).*");

    private CalendarLoader() {
    }

    public static SchoolCalendar englandDefault() {
        return yamlResource(ENGLAND_DEFAULT);
    }

    public static Set<LocalDate> englandAndWalesBankHolidays() {
        Object doc = parseYaml(resource(ENGLAND_AND_WALES_BANK_HOLIDAYS), ENGLAND_AND_WALES_BANK_HOLIDAYS);
        if (!(doc instanceof Map<?, ?> map)) {
            throw new CalendarException(ENGLAND_AND_WALES_BANK_HOLIDAYS + ": expected a mapping");
        }
        return dates(map.get("bank-holidays"), ENGLAND_AND_WALES_BANK_HOLIDAYS, "bank-holidays");
    }

    static SchoolCalendar yamlResource(String name) {
        return yaml(resource(name), name);
    }

    private static String resource(String name) {
        try (InputStream in = CalendarLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new CalendarException("missing calendar resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a .yaml/.yml or .ics file; the zone falls back to {@code defaultZone}. */
    public static SchoolCalendar file(Path file, ZoneId defaultZone) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CalendarException("cannot read calendar file " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ics")) {
            return ics(text, file.toString(), defaultZone);
        }
        SchoolCalendar cal = yaml(text, file.toString(), defaultZone);
        return cal;
    }

    public static SchoolCalendar yaml(String text, String source) {
        return yaml(text, source, null);
    }

    static SchoolCalendar yaml(String text, String source, ZoneId defaultZone) {
        Object doc = parseYaml(text, source);
        if (!(doc instanceof Map<?, ?> map)) {
            throw new CalendarException(source + ": expected a mapping with name, terms and closures");
        }
        String name = map.get("name") == null ? source : String.valueOf(map.get("name"));
        ZoneId zone = defaultZone == null ? ZoneId.of("Europe/London") : defaultZone;
        if (map.get("zone") != null) {
            try {
                zone = ZoneId.of(String.valueOf(map.get("zone")));
            } catch (RuntimeException e) {
                throw new CalendarException(source + ": zone '" + map.get("zone") + "' is not a time zone such as Europe/London");
            }
        }
        List<SchoolCalendar.Range> terms = ranges(map.get("terms"), source, "terms");
        if (terms.isEmpty()) {
            throw new CalendarException(source + ": terms is missing or empty");
        }
        List<SchoolCalendar.Range> closures = ranges(map.get("closures"), source, "closures");
        Set<LocalDate> bank = map.containsKey("bank-holidays")
                ? dates(map.get("bank-holidays"), source, "bank-holidays")
                : englandAndWalesBankHolidays();
        return new SchoolCalendar(name, zone, terms, closures, bank);
    }

    private static Object parseYaml(String text, String source) {
        try {
            LoaderOptions options = new LoaderOptions();
            return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options,
                    new DatesAsText()).load(text);
        } catch (YAMLException e) {
            throw new CalendarException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** YAML's own date reading is lenient (it takes 2026-13-01 as January 2027): dates stay text, parsed strictly here. */
    private static final class DatesAsText extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    private static List<SchoolCalendar.Range> ranges(Object value, String source, String field) {
        List<SchoolCalendar.Range> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof List<?> list)) {
            throw new CalendarException(source + ": " + field + " must be a list of {name, start, end}");
        }
        int i = 0;
        for (Object item : list) {
            String where = field + "[" + i++ + "]";
            if (!(item instanceof Map<?, ?> m)) {
                throw new CalendarException(source + ": " + where + " must be {name, start, end}");
            }
            LocalDate start = date(m.get("start"), source, where + ".start");
            LocalDate end = m.get("end") == null ? start : date(m.get("end"), source, where + ".end");
            try {
                out.add(new SchoolCalendar.Range(m.get("name") == null ? null : String.valueOf(m.get("name")), start, end));
            } catch (IllegalArgumentException e) {
                throw new CalendarException(source + ": " + where + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static Set<LocalDate> dates(Object value, String source, String field) {
        Set<LocalDate> out = new HashSet<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof List<?> list)) {
            throw new CalendarException(source + ": " + field + " must be a list of dates (YYYY-MM-DD)");
        }
        int i = 0;
        for (Object item : list) {
            out.add(date(item, source, field + "[" + i++ + "]"));
        }
        return out;
    }

    private static LocalDate date(Object value, String source, String where) {
        if (value instanceof Date d) {
            return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        if (value == null) {
            throw new CalendarException(source + ": " + where + " is missing (a date such as 2026-09-02)");
        }
        try {
            return LocalDate.parse(String.valueOf(value).trim());
        } catch (DateTimeParseException e) {
            throw new CalendarException(source + ": " + where + " '" + value + "' is not a date such as 2026-09-02");
        }
    }

    /**
     * Imports term dates from iCalendar: each all-day event is a term, unless its summary names a closure
     * (half term, holiday, INSET or training day, closed), in which case it is a closure. An all-day
     * event's DTEND is the day after its last day. Bank holidays are England and Wales'.
     */
    public static SchoolCalendar ics(String text, String source, ZoneId zone) {
        List<String> lines = unfold(text);
        List<SchoolCalendar.Range> terms = new ArrayList<>();
        List<SchoolCalendar.Range> closures = new ArrayList<>();
        String calName = null;
        boolean inEvent = false;
        String summary = null;
        LocalDate start = null;
        LocalDate endExclusive = null;
        int n = 0;
        for (String line : lines) {
            n++;
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("X-WR-CALNAME:")) {
                calName = unescape(line.substring(line.indexOf(':') + 1));
            } else if (upper.equals("BEGIN:VEVENT")) {
                inEvent = true;
                summary = null;
                start = null;
                endExclusive = null;
            } else if (upper.equals("END:VEVENT")) {
                if (start == null) {
                    throw new CalendarException(source + ": an event ending on line " + n + " has no DTSTART");
                }
                LocalDate last = endExclusive == null || !endExclusive.isAfter(start) ? start : endExclusive.minusDays(1);
                SchoolCalendar.Range range = new SchoolCalendar.Range(summary, start, last);
                if (summary != null && CLOSURE.matcher(summary).matches()) {
                    closures.add(range);
                } else {
                    terms.add(range);
                }
                inEvent = false;
            } else if (inEvent && upper.startsWith("SUMMARY")) {
                summary = unescape(line.substring(line.indexOf(':') + 1));
            } else if (inEvent && upper.startsWith("DTSTART")) {
                start = icsDate(line, source, n);
            } else if (inEvent && upper.startsWith("DTEND")) {
                endExclusive = icsDate(line, source, n);
            }
        }
        if (terms.isEmpty()) {
            throw new CalendarException(source + ": no term events found (each term is an all-day VEVENT)");
        }
        return new SchoolCalendar(calName == null ? source : calName, zone == null ? ZoneId.of("Europe/London") : zone,
                terms, closures, englandAndWalesBankHolidays());
    }

    private static LocalDate icsDate(String line, String source, int n) {
        String value = line.substring(line.indexOf(':') + 1).trim();
        try {
            return LocalDate.parse(value.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (RuntimeException e) {
            throw new CalendarException(source + ": line " + n + ": '" + value + "' is not an iCalendar date such as 20260902");
        }
    }

    private static List<String> unfold(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            if ((raw.startsWith(" ") || raw.startsWith("\t")) && !out.isEmpty()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + raw.substring(1));
            } else if (!raw.isBlank()) {
                out.add(raw.strip());
            }
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("\\,", ",").replace("\\;", ";").replace("\\n", " ").replace("\\N", " ").replace("\\\\", "\\").strip();
    }
}
