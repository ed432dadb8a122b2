package uk.ectmentor.scheduler;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import uk.ectmentor.core.calendar.SchoolCalendar;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.content.Session;

/**
 * Where a pairing is in the programme in any week, derived from an anchor (module and week as known in
 * the week of a given Monday) by counting teaching weeks: holiday weeks do not move the counter. A
 * module lasts as many weeks as the content pack has sessions for it (its highest week number), or
 * {@link #DEFAULT_MODULE_WEEKS} when the pack has none.
 */
public final class ProgrammeWeeks {
    public static final int DEFAULT_MODULE_WEEKS = 6;
    private final Map<Integer, Integer> lengths = new HashMap<>();

    public ProgrammeWeeks(ContentPack content) {
        for (Session s : content.sessions()) {
            lengths.merge(s.module(), s.week(), Math::max);
        }
    }

    /** A pairing's place in the programme as known in the week of {@code weekOf} (a Monday). */
    public record Position(int module, int week, LocalDate weekOf) {
    }

    public int length(int module) {
        return Math.max(1, lengths.getOrDefault(module, DEFAULT_MODULE_WEEKS));
    }

    /** The position in the week containing {@code day}. */
    public Position at(Position anchor, LocalDate day, SchoolCalendar calendar) {
        LocalDate monday = SchoolCalendar.weekOf(day);
        return shift(anchor, calendar.teachingWeeksBetween(anchor.weekOf(), monday), monday);
    }

    Position shift(Position from, int weeks, LocalDate newWeekOf) {
        int module = Math.max(1, from.module());
        int week = Math.max(1, from.week());
        for (int i = 0; i < weeks; i++) {
            if (week >= length(module)) {
                module++;
                week = 1;
            } else {
                week++;
            }
        }
        for (int i = 0; i > weeks; i--) {
            if (week > 1) {
                week--;
            } else if (module > 1) {
                module--;
                week = length(module);
            }
        }
        return new Position(module, week, newWeekOf);
    }
}
