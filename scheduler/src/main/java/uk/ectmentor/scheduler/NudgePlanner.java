package uk.ectmentor.scheduler;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;


import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.calendar.SchoolCalendar;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.content.Session;
import uk.ectmentor.core.content.SessionKind;
import uk.ectmentor.core.nudges.NudgeInputs;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;

/**
 * Works out a pairing's nudges for a range of school-local dates. Pure: no store, no clock. Weekly nudges
 * are planned only in teaching weeks and never on a holiday; "the day before" is the previous weekday
 * (a Monday meeting is prepared for on Friday). Times are school-local and turned into instants in the
 * school's zone, so they follow the clocks across daylight-saving changes.
 */
public final class NudgePlanner {

    /**
     * @param dayBefore     when the day-before nudges go (default 16:00)
     * @param morning       when dated nudges go: follow-ups, plan review (default 08:00)
     * @param study         when the self-study nudge goes (default 16:00)
     * @param afterMeeting  how long after the meeting's end the reflection nudge goes (default 15 min)
     */
    public record Times(LocalTime dayBefore, LocalTime morning, LocalTime study, Duration afterMeeting) {
        public static Times defaults() {
            return new Times(LocalTime.of(16, 0), LocalTime.of(8, 0), LocalTime.of(16, 0), Duration.ofMinutes(15));
        }
    }

    /** Everything the plan of one pairing depends on. */
    public record Inputs(Pairing pairing, ZoneId zone, SchoolCalendar calendar, Person ect,
                         List<ActionStep> openActions, ProgrammeWeeks.Position anchor) {
    }

    private static final int DEFAULT_MEETING_MINUTES = 60;

    private final ContentPack content;
    private final ProgrammeWeeks weeks;
    private final NudgeInputs extra;
    private final Times times;

    public NudgePlanner(ContentPack content, NudgeInputs extra, Times times) {
        this.content = content;
        this.weeks = new ProgrammeWeeks(content);
        this.extra = extra;
        this.times = times;
    }

    public ProgrammeWeeks weeks() {
        return weeks;
    }

    /** The nudges with school-local dates from {@code from} to {@code to}, inclusive, in time order. */
    public List<PlannedNudge> plan(Inputs in, LocalDate from, LocalDate to) {
        List<PlannedNudge> out = new ArrayList<>();
        Pairing p = in.pairing();
        SchoolCalendar cal = in.calendar();
        for (LocalDate monday = SchoolCalendar.weekOf(from); !monday.isAfter(to); monday = monday.plusWeeks(1)) {
            if (!cal.isTeachingWeek(monday)) {
                continue;
            }
            ProgrammeWeeks.Position pos = weeks.at(in.anchor(), monday, cal);
            if (p.meetingDay() != null && p.meetingTime() != null) {
                weekly(in, pos, monday, out);
            }
        }
        for (ActionStep a : in.openActions()) {
            if (a.dueOn() != null && a.isOpen()) {
                cal.nextSchoolDay(a.dueOn(), 7).ifPresent(day -> out.add(PlannedNudge.of(p.id(), p.ectId(),
                        NudgeKind.ACTION_FOLLOW_UP, a.id(), a.module(), a.week(), day.atTime(times.morning()), in.zone())));
            }
        }
        if (in.ect() != null && in.ect().inductionYear() == 2) {
            extra.planReviewDate(p.ectId()).flatMap(d -> cal.nextSchoolDay(d, 7)).ifPresent(day -> {
                ProgrammeWeeks.Position pos = weeks.at(in.anchor(), day, cal);
                out.add(PlannedNudge.of(p.id(), p.ectId(), NudgeKind.PLAN_REVIEW, null, pos.module(), pos.week(),
                        day.atTime(times.morning()), in.zone()));
            });
        }
        return out.stream()
                .filter(n -> !n.local().toLocalDate().isBefore(from) && !n.local().toLocalDate().isAfter(to))
                .sorted(Comparator.comparing(PlannedNudge::due).thenComparing(PlannedNudge::id))
                .toList();
    }

    private void weekly(Inputs in, ProgrammeWeeks.Position pos, LocalDate monday, List<PlannedNudge> out) {
        Pairing p = in.pairing();
        SchoolCalendar cal = in.calendar();
        ZoneId zone = in.zone();
        LocalDate meeting = monday.with(p.meetingDay());
        if (cal.isHoliday(meeting)) {
            return;
        }
        int m = pos.module();
        int w = pos.week();
        LocalDate before = previousWeekday(meeting);
        if (!cal.isHoliday(before)) {
            LocalDateTime at = before.atTime(times.dayBefore());
            out.add(PlannedNudge.of(p.id(), p.mentorId(), NudgeKind.MENTOR_PREP, null, m, w, at, zone));
            out.add(PlannedNudge.of(p.id(), p.ectId(), NudgeKind.ECT_REVIEW, null, m, w, at, zone));
            if (w == 1) {
                out.add(PlannedNudge.of(p.id(), p.ectId(), NudgeKind.AUDIT, null, m, w, at, zone));
            } else if (w == weeks.length(m)) {
                out.add(PlannedNudge.of(p.id(), p.ectId(), NudgeKind.RE_AUDIT, null, m, w, at, zone));
            }
        }
        LocalDateTime start = meeting.atTime(p.meetingTime());
        out.add(PlannedNudge.of(p.id(), p.mentorId(), NudgeKind.MEETING_START, null, m, w, start, zone));
        int minutes = content.find(m, w, SessionKind.MENTOR).map(Session::totalMinutes).filter(x -> x > 0)
                .orElse(DEFAULT_MEETING_MINUTES);
        out.add(PlannedNudge.of(p.id(), p.ectId(), NudgeKind.ECT_REFLECT, null, m, w,
                start.plusMinutes(minutes).plus(times.afterMeeting()), zone));
        LocalDate study = monday.with(extra.selfStudyDay(p.id()).orElse(defaultStudyDay(p.meetingDay())));
        if (!cal.isHoliday(study)) {
            out.add(PlannedNudge.of(p.id(), p.ectId(), NudgeKind.SELF_STUDY, null, m, w, study.atTime(times.study()), zone));
        }
    }

    /** The weekday after the meeting, in the same week (Monday when the meeting is on Friday or later). */
    static DayOfWeek defaultStudyDay(DayOfWeek meeting) {
        return meeting.getValue() >= DayOfWeek.FRIDAY.getValue() ? DayOfWeek.MONDAY : meeting.plus(1);
    }

    static LocalDate previousWeekday(LocalDate day) {
        LocalDate d = day.minusDays(1);
        while (SchoolCalendar.isWeekend(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** The anchor to use when none is stored: the pairing's own module and week, as of this week. */
    public static ProgrammeWeeks.Position currentAnchor(Pairing p, LocalDate today) {
        return new ProgrammeWeeks.Position(p.module(), p.week(), SchoolCalendar.weekOf(today));
    }

}
