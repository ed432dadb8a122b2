package uk.ectmentor.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A school's year: its time zone, its terms, the days it is closed within them (half terms, training
 * days) and the bank holidays. A day is a holiday when it falls outside every term, inside a closure or
 * on a bank holiday; nudges never fire on one. A teaching week is a Monday-to-Sunday week with at least
 * one weekday that is not a holiday; the programme week counter only moves on teaching weeks.
 */
public record SchoolCalendar(String name, ZoneId zone, List<Range> terms, List<Range> closures, Set<LocalDate> bankHolidays) {

    public SchoolCalendar {
        Objects.requireNonNull(zone, "zone");
        terms = terms.stream().sorted(Comparator.comparing(Range::start)).toList();
        closures = List.copyOf(closures);
        bankHolidays = Set.copyOf(bankHolidays);
    }

    /** A named, inclusive run of dates. */
    public record Range(String name, LocalDate start, LocalDate end) {
        public Range {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException((name == null ? "a date range" : name) + " ends (" + end
                        + ") before it starts (" + start + ")");
            }
        }

        public boolean contains(LocalDate day) {
            return !day.isBefore(start) && !day.isAfter(end);
        }
    }

    public SchoolCalendar withZone(ZoneId newZone) {
        return new SchoolCalendar(name, newZone, terms, closures, bankHolidays);
    }

    public boolean inTerm(LocalDate day) {
        return terms.stream().anyMatch(t -> t.contains(day));
    }

    /** Outside every term, in a closure (half term, training day) or a bank holiday. */
    public boolean isHoliday(LocalDate day) {
        return !inTerm(day) || bankHolidays.contains(day) || closures.stream().anyMatch(c -> c.contains(day));
    }

    /** A weekday that is not a holiday. */
    public boolean isSchoolDay(LocalDate day) {
        return !isWeekend(day) && !isHoliday(day);
    }

    public static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    public static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Whether the week containing {@code day} has at least one school day. */
    public boolean isTeachingWeek(LocalDate day) {
        LocalDate monday = weekOf(day);
        for (int i = 0; i < 5; i++) {
            if (!isHoliday(monday.plusDays(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Teaching weeks from the week of {@code from} to the week of {@code to}: positive when {@code to} is
     * later, counting the weeks stepped onto (a holiday week is not counted).
     */
    public int teachingWeeksBetween(LocalDate from, LocalDate to) {
        LocalDate a = weekOf(from);
        LocalDate b = weekOf(to);
        int sign = b.isBefore(a) ? -1 : 1;
        LocalDate lo = sign > 0 ? a : b;
        LocalDate hi = sign > 0 ? b : a;
        int count = 0;
        for (LocalDate w = lo.plusWeeks(1); !w.isAfter(hi); w = w.plusWeeks(1)) {
            if (isTeachingWeek(w)) {
                count++;
            }
        }
        return sign * count;
    }

    /** The first school day on or after {@code day} within {@code maxDays}, if any. */
    public Optional<LocalDate> nextSchoolDay(LocalDate day, int maxDays) {
        for (int i = 0; i <= maxDays; i++) {
            if (isSchoolDay(day.plusDays(i))) {
                return Optional.of(day.plusDays(i));
            }
        }
        return Optional.empty();
    }

    /** The start of the first term that begins after {@code day}, if the calendar has one. */
    public Optional<LocalDate> nextTermStart(LocalDate day) {
        return terms.stream().map(Range::start).filter(s -> s.isAfter(day)).findFirst();
    }

    /** The first and last dates the calendar covers. */
    public Optional<Range> span() {
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        LocalDate end = terms.stream().map(Range::end).max(Comparator.naturalOrder()).orElseThrow();
        return Optional.of(new Range(name, terms.get(0).start(), end));
    }
}
