package uk.ectmentor.core.nudges;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;

/**
 * One person's say over their nudges.
 *
 * @param quietFrom   start of quiet hours (school-local), or null for none
 * @param quietTo     end of quiet hours; may be earlier than {@code quietFrom} (overnight)
 * @param snoozedUntil no nudges before this date (exclusive of it), or null
 * @param skipWeekOf  the Monday of a week with no nudges, or null
 * @param pausedUntil no nudges before this date (the next term's start), or null
 * @param stopped     no nudges at all until the person says {@code start}
 * @param studyDay    the weekday an ECT does their self-directed study (its nudge comes that day), or null
 *                    for the planner's default (the day after the meeting)
 */
public record NudgePreferences(String personId, LocalTime quietFrom, LocalTime quietTo, LocalDate snoozedUntil,
                               LocalDate skipWeekOf, LocalDate pausedUntil, boolean stopped, DayOfWeek studyDay) {

    public NudgePreferences(String personId, LocalTime quietFrom, LocalTime quietTo, LocalDate snoozedUntil,
                            LocalDate skipWeekOf, LocalDate pausedUntil, boolean stopped) {
        this(personId, quietFrom, quietTo, snoozedUntil, skipWeekOf, pausedUntil, stopped, null);
    }

    public static NudgePreferences defaults(String personId) {
        return new NudgePreferences(personId, null, null, null, null, null, false, null);
    }

    public NudgePreferences studyOn(DayOfWeek day) {
        return new NudgePreferences(personId, quietFrom, quietTo, snoozedUntil, skipWeekOf, pausedUntil, stopped, day);
    }

    public NudgePreferences quiet(LocalTime from, LocalTime to) {
        return new NudgePreferences(personId, from, to, snoozedUntil, skipWeekOf, pausedUntil, stopped, studyDay);
    }

    public NudgePreferences snoozeUntil(LocalDate day) {
        return new NudgePreferences(personId, quietFrom, quietTo, day, skipWeekOf, pausedUntil, stopped, studyDay);
    }

    public NudgePreferences skipWeek(LocalDate monday) {
        return new NudgePreferences(personId, quietFrom, quietTo, snoozedUntil, monday, pausedUntil, stopped, studyDay);
    }

    public NudgePreferences pauseUntil(LocalDate day) {
        return new NudgePreferences(personId, quietFrom, quietTo, snoozedUntil, skipWeekOf, day, stopped, studyDay);
    }

    public NudgePreferences stop() {
        return new NudgePreferences(personId, quietFrom, quietTo, null, null, null, true, studyDay);
    }

    /** Back on: clears stop, pause, snooze and skip (quiet hours and the study day stay). */
    public NudgePreferences start() {
        return new NudgePreferences(personId, quietFrom, quietTo, null, null, null, false, studyDay);
    }

    public boolean hasQuietHours() {
        return quietFrom != null && quietTo != null && !quietFrom.equals(quietTo);
    }

    /** What to do with a nudge due at this school-local time. */
    public Verdict verdict(LocalDateTime due) {
        LocalDate day = due.toLocalDate();
        if (stopped) {
            return Verdict.skip("stopped");
        }
        if (pausedUntil != null && day.isBefore(pausedUntil)) {
            return Verdict.skip("paused");
        }
        if (snoozedUntil != null && day.isBefore(snoozedUntil)) {
            return Verdict.skip("snoozed");
        }
        if (skipWeekOf != null && !day.isBefore(skipWeekOf) && day.isBefore(skipWeekOf.plusWeeks(1))) {
            return Verdict.skip("skipped week");
        }
        return quietEnd(due).map(Verdict::deferTo).orElse(Verdict.SEND);
    }

    /** When {@code at} falls in quiet hours, the moment they end. */
    public Optional<LocalDateTime> quietEnd(LocalDateTime at) {
        if (!hasQuietHours()) {
            return Optional.empty();
        }
        LocalTime t = at.toLocalTime();
        if (quietFrom.isBefore(quietTo)) {
            if (!t.isBefore(quietFrom) && t.isBefore(quietTo)) {
                return Optional.of(at.toLocalDate().atTime(quietTo));
            }
            return Optional.empty();
        }
        if (!t.isBefore(quietFrom)) {
            return Optional.of(at.toLocalDate().plusDays(1).atTime(quietTo));
        }
        if (t.isBefore(quietTo)) {
            return Optional.of(at.toLocalDate().atTime(quietTo));
        }
        return Optional.empty();
    }

    /** Send now, skip (with a reason, safe to log), or wait until a school-local time. */
    public record Verdict(Kind kind, String reason, LocalDateTime deferTo) {
        public enum Kind { SEND, SKIP, DEFER }

        static final Verdict SEND = new Verdict(Kind.SEND, null, null);

        static Verdict skip(String reason) {
            return new Verdict(Kind.SKIP, reason, null);
        }

        static Verdict deferTo(LocalDateTime at) {
            return new Verdict(Kind.DEFER, "quiet hours", at);
        }
    }
}
