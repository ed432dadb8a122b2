package uk.ectmentor.core.roster;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.trust.AccessPolicy;

/**
 * {@code engagement}: the weekly engagement of each pairing for induction tutors and admins (their whole school)
 * and mentors (their own pairings); {@code engagement csv} gives the same as CSV. Counts only, never text.
 */
public final class EngagementFlow {
    static final int WEEKS = 4;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.UK);

    private final PeopleStore people;
    private final EngagementStore store;
    private final Clock clock;
    private final AccessPolicy policy = new AccessPolicy();

    public EngagementFlow(PeopleStore people, EngagementStore store, Clock clock) {
        this.people = people;
        this.store = store;
        this.clock = clock;
    }

    public void register(Router router) {
        router.commandWithText("engagement", this::report, "engagement report")
              .describe("engagement", "engagement [csv]", "meetings, reflections and actions per pairing per week (tutors)");
    }

    private List<Message> report(Turn turn) {
        Person viewer = turn.person();
        if (viewer.is(Role.ECT)) {
            return List.of(Message.text("The engagement report is for induction tutors and mentors. "
                    + "Say *log* to see your own learning log."));
        }
        String school = viewer.schoolId();
        List<Pairing> pairings = store.pairings(school).stream().filter(p -> policy.mayReadEngagement(viewer, p)).toList();
        if (pairings.isEmpty()) {
            return List.of(Message.text("There are no pairings for you to report on yet."));
        }
        ZoneId zone = people.school(school).map(s -> s.zone()).orElse(ZoneId.of("Europe/London"));
        LocalDate first = EngagementReport.firstWeek(LocalDate.now(clock.withZone(zone)), WEEKS);
        Map<String, String> names = new HashMap<>();
        store.people(school).forEach(p -> names.put(p.id(), p.name()));
        List<EngagementReport.Row> rows = EngagementReport.build(pairings, names,
                store.activity(school, first.atStartOfDay(zone).toInstant(), first.plusWeeks(WEEKS).atStartOfDay(zone).toInstant()),
                zone, first, WEEKS);
        if (turn.args().strip().equalsIgnoreCase("csv")) {
            return List.of(Message.builder()
                    .text("Engagement for the " + WEEKS + " weeks from " + DAY.format(first) + ", as CSV:")
                    .note(EngagementReport.csv(rows))
                    .build());
        }
        return List.of(Message.builder()
                .heading("Engagement, " + WEEKS + " weeks from " + DAY.format(first))
                .note("Per pairing, per week: meetings held · reflections logged · actions set (done)")
                .bullets(rows.stream().map(r -> r.mentor() + " & " + r.ect() + " · w/c " + DAY.format(r.weekOf()) + ": "
                        + r.meetings() + " · " + r.reflections() + " · " + r.actionsSet() + " (" + r.actionsDone() + ")").toList())
                .buttons(Button.command("As CSV", "engagement csv"))
                .build());
    }
}
