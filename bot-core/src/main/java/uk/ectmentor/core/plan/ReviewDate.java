package uk.ectmentor.core.plan;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a review date as people type it: {@code 2027-01-15}, {@code 15/1/2027}, {@code 15 January},
 * {@code Jan 15 2027}, {@code in 6 weeks}. A day and month with no year means the next such day.
 */
final class ReviewDate {
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern SLASHED = Pattern.compile("(\\d{1,2})[/.](\\d{1,2})(?:[/.](\\d{2,4}))?");
    private static final Pattern DAY_MONTH = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)?(?: of)? ([a-z]+)(?:,? (\\d{4}))?");
    private static final Pattern MONTH_DAY = Pattern.compile("([a-z]+) (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?");
    private static final Pattern IN = Pattern.compile("in (\\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve) (day|week|month)s?");
    private static final Map<String, Integer> COUNTS = Map.ofEntries(Map.entry("a", 1), Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("twelve", 12));

    private ReviewDate() {
    }

    static Optional<LocalDate> parse(String text, LocalDate today) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("[,]", " ").replaceAll("\\s+", " ").strip();
        try {
            Matcher m = ISO.matcher(t);
            if (m.find()) {
                return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
            }
            m = IN.matcher(t);
            if (m.find()) {
                int n = COUNTS.containsKey(m.group(1)) ? COUNTS.get(m.group(1)) : Integer.parseInt(m.group(1));
                return Optional.of(switch (m.group(2)) {
                    case "day" -> today.plusDays(n);
                    case "week" -> today.plusWeeks(n);
                    default -> today.plusMonths(n);
                });
            }
            m = SLASHED.matcher(t);
            if (m.find()) {
                return Optional.of(dated(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), today));
            }
            m = DAY_MONTH.matcher(t);
            while (m.find()) {
                Integer month = month(m.group(2));
                if (month != null) {
                    return Optional.of(dated(Integer.parseInt(m.group(1)), month, m.group(3), today));
                }
            }
            m = MONTH_DAY.matcher(t);
            while (m.find()) {
                Integer month = month(m.group(1));
                if (month != null) {
                    return Optional.of(dated(Integer.parseInt(m.group(2)), month, m.group(3), today));
                }
            }
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static LocalDate dated(int day, int month, String year, LocalDate today) {
        if (year != null) {
            int y = Integer.parseInt(year);
            return LocalDate.of(y < 100 ? 2000 + y : y, month, day);
        }
        LocalDate d = LocalDate.of(today.getYear(), month, day);
        return d.isBefore(today) ? d.plusYears(1) : d;
    }

    private static Integer month(String word) {
        if (word.length() < 3) {
            return null;
        }
        for (Month m : Month.values()) {
            String full = m.getDisplayName(TextStyle.FULL, Locale.UK).toLowerCase(Locale.ROOT);
            if (full.startsWith(word) || (word.equals("sept") && m == Month.SEPTEMBER)) {
                return m.getValue();
            }
        }
        return null;
    }
}
