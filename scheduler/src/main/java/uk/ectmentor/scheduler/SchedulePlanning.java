package uk.ectmentor.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ectmentor.core.actions.ActionStore;
import uk.ectmentor.core.calendar.SchoolCalendar;
import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.School;

/**
 * Turns pairings into nudge documents, and moves each pairing's programme week on.
 *
 * <p><b>How the programme week advances.</b> Each pairing has an anchor in {@code nudgePlans}: the module
 * and week it was at in the week of a given Monday. The position in any other week is derived from the
 * anchor by counting teaching weeks (holiday weeks don't count) and rolling into the next module after
 * its last week ({@link ProgrammeWeeks}). Every planning run writes the derived position for the current
 * week back to the pairing, so the rest of the bot (session prompts) sees it. If someone changed the
 * pairing's module or week by hand, the run takes that as the new anchor. Every instance may run this at
 * once: the result is the same.
 */
public final class SchedulePlanning {
    private static final Logger log = LoggerFactory.getLogger(SchedulePlanning.class);
    private static final int PAGE = 500;

    private final PeopleStore people;
    private final ActionStore actions;
    private final SchoolCalendars calendars;
    private final NudgePlanner planner;
    private final NudgeStore store;

    public SchedulePlanning(PeopleStore people, ActionStore actions, SchoolCalendars calendars, NudgePlanner planner,
                            NudgeStore store) {
        this.people = people;
        this.actions = actions;
        this.calendars = calendars;
        this.planner = planner;
        this.store = store;
    }

    /** What a planning run did. */
    public record Result(int pairings, int nudges, int advanced) {
    }

    /** Plans every pairing's nudges from now to {@code now + horizon}, in pages. */
    public Result planAll(Instant now, Duration horizon) {
        Map<String, School> schools = new HashMap<>();
        int pairings = 0;
        int nudges = 0;
        int advanced = 0;
        String after = null;
        while (true) {
            List<Pairing> page = people.pairings(after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            Map<String, NudgeStore.Plan> stored = store.plans(page.stream().map(Pairing::id).toList());
            List<PlannedNudge> toSave = new ArrayList<>();
            List<NudgeStore.Plan> plans = new ArrayList<>();
            for (Pairing p : page) {
                Optional<School> school = Optional.ofNullable(schools.computeIfAbsent(p.schoolId(), id -> people.school(id).orElse(null)));
                if (school.isEmpty()) {
                    continue;
                }
                Planned planned = planOne(p, school.get(), Optional.ofNullable(stored.get(p.id())), now, horizon);
                if (planned.advanced()) {
                    advanced++;
                }
                // only what changed since the last run is written
                Set<String> before = new HashSet<>(planned.previous());
                planned.nudges().stream().filter(n -> !before.contains(NudgeStore.Plan.entry(n))).forEach(toSave::add);
                plans.add(planned.plan());
                // a nudge planned before that is now due or past is the dispatcher's (sent, or dropped as a misfire)
                Set<String> gone = new HashSet<>();
                planned.previous().stream().filter(e -> !NudgeStore.Plan.dueOf(e).isBefore(now))
                        .forEach(e -> gone.add(NudgeStore.Plan.idOf(e)));
                planned.nudges().forEach(n -> gone.remove(n.id()));
                store.removePlanned(gone);
                pairings++;
                nudges += planned.nudges().size();
            }
            store.savePlan(toSave, now);
            store.savePlans(plans);
            after = page.get(page.size() - 1).id();
        }
        log.info("planned {} nudges for {} pairings ({} moved on a week)", nudges, pairings, advanced);
        return new Result(pairings, nudges, advanced);
    }

    private record Planned(List<PlannedNudge> nudges, NudgeStore.Plan plan, List<String> previous, boolean advanced) {
    }

    private Planned planOne(Pairing p, School school, Optional<NudgeStore.Plan> stored, Instant now, Duration horizon) {
        ZoneId zone = school.zone();
        SchoolCalendar cal = calendars.forSchool(school);
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate monday = SchoolCalendar.weekOf(today);
        ProgrammeWeeks.Position anchor = anchorFor(p, stored, today);
        ProgrammeWeeks.Position current = planner.weeks().at(anchor, today, cal);
        boolean advanced = false;
        if (current.module() != p.module() || current.week() != p.week()) {
            people.savePairing(p.atWeek(current.module(), current.week()));
            p = p.atWeek(current.module(), current.week());
            advanced = true;
        }
        NudgePlanner.Inputs in = new NudgePlanner.Inputs(p, zone, cal, people.person(p.ectId()).orElse(null),
                actions.openFor(p.ectId()), current);
        LocalDate to = now.plus(horizon).atZone(zone).toLocalDate();
        List<PlannedNudge> planned = planner.plan(in, today, to).stream()
                .filter(n -> !n.due().isBefore(now) && !n.due().isAfter(now.plus(horizon)))
                .toList();
        NudgeStore.Plan plan = new NudgeStore.Plan(p.id(), new ProgrammeWeeks.Position(current.module(), current.week(), monday),
                planned.stream().map(NudgeStore.Plan::entry).toList());
        return new Planned(planned, plan, stored.map(NudgeStore.Plan::planned).orElse(List.of()), advanced);
    }

    /** The stored anchor, unless the pairing was moved by hand since (then: where it is now, this week). */
    private ProgrammeWeeks.Position anchorFor(Pairing p, Optional<NudgeStore.Plan> stored, LocalDate today) {
        if (stored.isPresent()) {
            ProgrammeWeeks.Position a = stored.get().anchor();
            if (a.module() == p.module() && a.week() == p.week()) {
                return a;
            }
        }
        return NudgePlanner.currentAnchor(p, today);
    }

    /** A pairing's nudges between two school-local dates, inclusive, as the planner sees them (for previews). */
    public Optional<List<PlannedNudge>> preview(String pairingId, LocalDate from, LocalDate to, Instant now) {
        Optional<Pairing> pairing = people.pairing(pairingId);
        if (pairing.isEmpty()) {
            return Optional.empty();
        }
        Pairing p = pairing.get();
        School school = people.school(p.schoolId()).orElse(new School(p.schoolId(), p.schoolId(), ZoneId.of("Europe/London")));
        LocalDate today = now.atZone(school.zone()).toLocalDate();
        ProgrammeWeeks.Position anchor = anchorFor(p, store.plan(p.id()), today);
        NudgePlanner.Inputs in = new NudgePlanner.Inputs(p, school.zone(), calendars.forSchool(school),
                people.person(p.ectId()).orElse(null), actions.openFor(p.ectId()), anchor);
        return Optional.of(planner.plan(in, from, to));
    }
}
