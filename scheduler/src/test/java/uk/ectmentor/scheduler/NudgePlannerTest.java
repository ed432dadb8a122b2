package uk.ectmentor.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.calendar.CalendarLoader;
import uk.ectmentor.core.calendar.SchoolCalendar;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.nudges.NudgeInputs;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;

/** The plan: daylight saving, holidays, the week counter. Pure: no store. */
class NudgePlannerTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final SchoolCalendar england = CalendarLoader.englandDefault();
    private final NudgePlanner planner = new NudgePlanner(ContentLoader.load(null), NudgeInputs.NONE, NudgePlanner.Times.defaults());
    private final Pairing demo = new Pairing("demo", "s", "alex", "sam", 4, 6, DayOfWeek.THURSDAY, LocalTime.of(15, 30));
    private final Person sam = new Person("sam", "s", "Sam", Role.ECT, "Secondary", "Mathematics", 1);

    private List<PlannedNudge> plan(Pairing p, SchoolCalendar cal, ProgrammeWeeks.Position anchor, List<ActionStep> actions,
                                    LocalDate from, LocalDate to) {
        return planner.plan(new NudgePlanner.Inputs(p, LONDON, cal, sam, actions, anchor), from, to);
    }

    private List<PlannedNudge> plan(LocalDate from, LocalDate to) {
        return plan(demo, england, new ProgrammeWeeks.Position(4, 6, LocalDate.of(2026, 11, 23)), List.of(), from, to);
    }

    private static PlannedNudge only(List<PlannedNudge> nudges, NudgeKind kind) {
        List<PlannedNudge> found = nudges.stream().filter(n -> n.kind() == kind).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void aWeekHasEachWeeklyNudgeForTheRightPerson() {
        List<PlannedNudge> week = plan(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29));
        assertThat(week).extracting(PlannedNudge::kind).containsExactlyInAnyOrder(NudgeKind.MENTOR_PREP, NudgeKind.ECT_REVIEW,
                NudgeKind.RE_AUDIT, NudgeKind.MEETING_START, NudgeKind.ECT_REFLECT, NudgeKind.SELF_STUDY);
        assertThat(only(week, NudgeKind.MENTOR_PREP).personId()).isEqualTo("alex");
        assertThat(only(week, NudgeKind.MENTOR_PREP).local()).isEqualTo(LocalDateTime.of(2026, 11, 25, 16, 0));
        assertThat(only(week, NudgeKind.ECT_REVIEW).personId()).isEqualTo("sam");
        assertThat(only(week, NudgeKind.MEETING_START).personId()).isEqualTo("alex");
        // the Module 4 week 6 session is 50 minutes: the reflection nudge comes a quarter of an hour after it ends
        assertThat(only(week, NudgeKind.ECT_REFLECT).local()).isEqualTo(LocalDateTime.of(2026, 11, 26, 16, 35));
        assertThat(only(week, NudgeKind.SELF_STUDY).local()).isEqualTo(LocalDateTime.of(2026, 11, 27, 16, 0));
        // planning twice gives the same ids
        assertThat(plan(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29))).isEqualTo(week);
    }

    @Test
    void fifteenThirtyInLondonIsFifteenThirtyUtcInDecemberAndFourteenThirtyInJune() {
        assertThat(only(plan(LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 11)), NudgeKind.MEETING_START).due())
                .isEqualTo(Instant.parse("2026-12-10T15:30:00Z"));
        assertThat(only(plan(LocalDate.of(2027, 6, 7), LocalDate.of(2027, 6, 11)), NudgeKind.MEETING_START).due())
                .isEqualTo(Instant.parse("2027-06-10T14:30:00Z"));
        // either side of the spring change (28 March 2027): the same local time, an hour apart in UTC
        assertThat(only(plan(LocalDate.of(2027, 3, 22), LocalDate.of(2027, 3, 26)), NudgeKind.MEETING_START).due())
                .isEqualTo(Instant.parse("2027-03-25T15:30:00Z"));
        assertThat(only(plan(LocalDate.of(2027, 4, 12), LocalDate.of(2027, 4, 16)), NudgeKind.MEETING_START).due())
                .isEqualTo(Instant.parse("2027-04-15T14:30:00Z"));
    }

    @Test
    void aTimeThatDoesNotExistOnTheSpringForwardDayStillFiresThatDay() {
        SchoolCalendar allMarch = CalendarLoader.yaml("""
                terms: [{name: Spring, start: 2027-03-01, end: 2027-04-30}]
                bank-holidays: []
                """, "test");
        Pairing sunday = demo.meetingAt(DayOfWeek.SUNDAY, LocalTime.of(1, 30));
        List<PlannedNudge> nudges = plan(sunday, allMarch, new ProgrammeWeeks.Position(4, 1, LocalDate.of(2027, 3, 22)),
                List.of(), LocalDate.of(2027, 3, 28), LocalDate.of(2027, 3, 28));
        PlannedNudge start = only(nudges, NudgeKind.MEETING_START);
        // 01:30 does not exist on 28 March 2027 in London: it fires at 02:30 BST, the same day
        assertThat(start.due()).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
        assertThat(start.due().atZone(LONDON).toLocalDate()).isEqualTo(LocalDate.of(2027, 3, 28));
    }

    @Test
    void nothingFiresInHalfTermAndTheWeekCounterSkipsIt() {
        ProgrammeWeeks.Position anchor = new ProgrammeWeeks.Position(4, 4, LocalDate.of(2026, 10, 19));
        List<PlannedNudge> nudges = plan(demo, england, anchor, List.of(), LocalDate.of(2026, 10, 19), LocalDate.of(2026, 11, 8));
        assertThat(nudges).noneMatch(n -> !n.local().toLocalDate().isBefore(LocalDate.of(2026, 10, 24))
                && n.local().toLocalDate().isBefore(LocalDate.of(2026, 11, 2)));
        assertThat(nudges.stream().filter(n -> n.kind() == NudgeKind.MEETING_START).map(n -> n.week()))
                .containsExactly(4, 5);
    }

    @Test
    void theModuleRollsOverAfterItsLastWeek() {
        ProgrammeWeeks.Position anchor = new ProgrammeWeeks.Position(4, 6, LocalDate.of(2026, 11, 23));
        List<PlannedNudge> nextWeek = plan(demo, england, anchor, List.of(), LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 6));
        assertThat(only(nextWeek, NudgeKind.MEETING_START)).extracting(PlannedNudge::module, PlannedNudge::week).containsExactly(5, 1);
        assertThat(only(nextWeek, NudgeKind.AUDIT).personId()).isEqualTo("sam");
    }

    @Test
    void christmasAndBankHolidaysHaveNoNudges() {
        assertThat(plan(LocalDate.of(2026, 12, 19), LocalDate.of(2027, 1, 3))).isEmpty();
        Pairing monday = demo.meetingAt(DayOfWeek.MONDAY, LocalTime.of(15, 30));
        ProgrammeWeeks.Position anchor = new ProgrammeWeeks.Position(4, 2, LocalDate.of(2027, 4, 26));
        List<PlannedNudge> may = plan(monday, england, anchor, List.of(), LocalDate.of(2027, 4, 26), LocalDate.of(2027, 5, 14));
        // Monday 3 May 2027 is a bank holiday: no meeting nudges that day; a Monday meeting is prepared for on Friday
        assertThat(may).noneMatch(n -> n.local().toLocalDate().equals(LocalDate.of(2027, 5, 3)));
        assertThat(may.stream().filter(n -> n.kind() == NudgeKind.MENTOR_PREP).map(n -> n.local().toLocalDate()))
                .contains(LocalDate.of(2027, 5, 7));
        Set<DayOfWeek> days = Set.copyOf(may.stream().map(n -> n.local().getDayOfWeek()).toList());
        assertThat(days).doesNotContain(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    }

    @Test
    void anActionsFollowUpDateOnAWeekendMovesToTheNextSchoolDay() {
        ActionStep action = new ActionStep("a1", "s", "demo", "sam", "Cold call after the hinge question", 4, 6,
                ActionStep.Status.OPEN, Instant.parse("2026-11-20T10:00:00Z"), LocalDate.of(2026, 12, 5), null);
        List<PlannedNudge> nudges = plan(demo, england, new ProgrammeWeeks.Position(4, 6, LocalDate.of(2026, 11, 23)),
                List.of(action), LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 10));
        PlannedNudge followUp = only(nudges, NudgeKind.ACTION_FOLLOW_UP);
        assertThat(followUp.local()).isEqualTo(LocalDateTime.of(2026, 12, 7, 8, 0));
        assertThat(followUp.ref()).isEqualTo("a1");
        assertThat(followUp.personId()).isEqualTo("sam");
    }

    @Test
    void aYearTwoPlanReviewDateIsUsedWhenKnownAndSkippedWhenNot() {
        Person year2 = new Person("sam", "s", "Sam", Role.ECT, "Secondary", "Mathematics", 2);
        NudgePlanner withReview = new NudgePlanner(ContentLoader.load(null), new NudgeInputs() {
            @Override
            public java.util.Optional<LocalDate> planReviewDate(String ectId) {
                return java.util.Optional.of(LocalDate.of(2027, 1, 13));
            }
        }, NudgePlanner.Times.defaults());
        ProgrammeWeeks.Position anchor = new ProgrammeWeeks.Position(1, 1, LocalDate.of(2027, 1, 4));
        List<PlannedNudge> nudges = withReview.plan(new NudgePlanner.Inputs(demo, LONDON, england, year2, List.of(), anchor),
                LocalDate.of(2027, 1, 11), LocalDate.of(2027, 1, 15));
        assertThat(only(nudges, NudgeKind.PLAN_REVIEW).local()).isEqualTo(LocalDateTime.of(2027, 1, 13, 8, 0));
        assertThat(plan(LocalDate.of(2027, 1, 11), LocalDate.of(2027, 1, 15))).noneMatch(n -> n.kind() == NudgeKind.PLAN_REVIEW);
    }
}
