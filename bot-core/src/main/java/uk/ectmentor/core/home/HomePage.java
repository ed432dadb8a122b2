package uk.ectmentor.core.home;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.actions.ActionStore;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.content.Session;
import uk.ectmentor.core.content.SessionKind;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;
import uk.ectmentor.core.reflect.LearningLogStore;
import uk.ectmentor.core.reflect.LogEntry;

/**
 * A person's overview page (Slack's App Home, a Teams tab): this week's session, the next meeting, open
 * actions and recent learning log entries, with buttons for the usual commands. Platform-neutral: adapters
 * render the message like any other.
 */
public final class HomePage {
    static final int MAX_ACTIONS = 10;
    static final int MAX_ENTRIES = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM", Locale.UK);

    private final PeopleStore people;
    private final ActionStore actions;
    private final LearningLogStore log;
    private final ContentPack content;
    private final Clock clock;

    public HomePage(PeopleStore people, ActionStore actions, LearningLogStore log, ContentPack content, Clock clock) {
        this.people = people;
        this.actions = actions;
        this.log = log;
        this.content = content;
        this.clock = clock;
    }

    public Message forUser(UserRef ref) {
        Optional<Person> person = people.personFor(ref);
        if (person.isEmpty()) {
            return Message.builder()
                    .heading("ECT mentor bot")
                    .text("I don't know you yet. Ask your induction tutor to add you to your school's programme.")
                    .text("Already using me on another platform? Say *link* to me there, then *link CODE* here.")
                    .build();
        }
        return forPerson(person.get());
    }

    Message forPerson(Person person) {
        Message.Builder m = Message.builder().heading("Hello " + person.name());
        List<Pairing> pairings = people.pairingsOf(person.id());
        if (pairings.isEmpty()) {
            m.text("You're not paired with a mentor or ECT yet. Your induction tutor sets that up.");
        }
        for (Pairing pairing : pairings) {
            boolean mentor = pairing.mentorId().equals(person.id());
            Optional<Person> other = people.person(mentor ? pairing.ectId() : pairing.mentorId());
            String with = other.map(Person::name).orElse("your " + (mentor ? "ECT" : "mentor"));
            m.divider().heading("This week with " + with);
            Optional<Session> session = content.find(pairing.module(), pairing.week(), SessionKind.MENTOR);
            m.text("*Module " + pairing.module() + ", week " + pairing.week() + "*"
                    + session.map(s -> ": " + s.title() + " (" + s.totalMinutes() + " min meeting)").orElse(""));
            m.note(nextMeeting(pairing));
            if (!uk.ectmentor.core.trust.AccessPolicy.allows(people, person, pairing.ectId(),
                    uk.ectmentor.core.trust.AccessPolicy.Resource.ACTION, false)) {
                m.note("Only " + with + "'s own mentor sees their actions.");
                continue;
            }
            List<ActionStep> open = actions.openFor(pairing.ectId());
            if (open.isEmpty()) {
                m.text("*Open actions:* none recorded.");
            } else {
                m.text("*Open actions* (" + open.size() + "):");
                m.bullets(open.stream().limit(MAX_ACTIONS)
                        .map(a -> abbreviate(a.text(), 300) + " _(module " + a.module() + " week " + a.week() + ")_").toList());
                if (open.size() > MAX_ACTIONS) {
                    m.note("and " + (open.size() - MAX_ACTIONS) + " more");
                }
            }
        }
        List<LogEntry> recent = log.recent(person.id(), MAX_ENTRIES);
        m.divider().heading("Your recent learning log");
        if (recent.isEmpty()) {
            m.text("Nothing yet. Send me a thought after a lesson and I'll offer to save it.");
        } else {
            List<String> lines = new ArrayList<>();
            for (LogEntry e : recent) {
                lines.add(e.kind() + ", " + DATE.format(e.createdAt().atZone(ZoneId.of("UTC"))) + ": " + abbreviate(e.text(), 200));
            }
            m.bullets(lines);
        }
        List<Button> buttons = new ArrayList<>();
        if (person.is(Role.MENTOR)) {
            buttons.add(Button.command("Session prompts", "prompts"));
        }
        buttons.add(Button.command("Log a reflection", "reflect"));
        buttons.add(Button.command("My learning log", "log"));
        buttons.add(Button.command("Help", "help"));
        return m.divider().buttons(buttons).build();
    }

    private String nextMeeting(Pairing pairing) {
        DayOfWeek day = pairing.meetingDay();
        if (day == null || pairing.meetingTime() == null) {
            return "Next meeting: not agreed yet.";
        }
        ZoneId zone = people.school(pairing.schoolId()).map(School::zone).orElse(ZoneId.of("Europe/London"));
        ZonedDateTime now = clock.instant().atZone(zone);
        LocalDate date = now.toLocalDate();
        while (date.getDayOfWeek() != day || !date.atTime(pairing.meetingTime()).atZone(zone).isAfter(now)) {
            date = date.plusDays(1);
        }
        return "Next meeting: " + day.getDisplayName(TextStyle.FULL, Locale.UK) + " " + DATE.format(date) + " at "
                + TIME.format(pairing.meetingTime());
    }

    private static String abbreviate(String text, int max) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
