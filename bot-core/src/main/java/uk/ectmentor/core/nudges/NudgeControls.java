package uk.ectmentor.core.nudges;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.ectmentor.core.calendar.SchoolCalendar;
import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;

/**
 * A person's controls over their weekly nudges, as chat commands: {@code nudges} (what is set),
 * {@code quiet hours 20:00-07:00} (or {@code off}), {@code snooze a week}, {@code skip this week},
 * {@code pause} (until next term), {@code stop} and {@code start}, and for ECTs {@code study day thursday} (the
 * weekday of the self-study nudge). The scheduler reads the preferences
 * at send time, so a change applies to the very next nudge.
 */
public final class NudgeControls {
    private static final Pattern HOURS = Pattern.compile("(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm)?");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK);
    private static final String HINT = "Say *snooze a week*, *skip this week*, *pause*, *stop* or *quiet hours 20:00-07:00*.";

    private final PeopleStore people;
    private final PreferencesStore preferences;
    private final SchoolCalendars calendars;
    private final CalendarFeeds feeds;

    public NudgeControls(PeopleStore people, PreferencesStore preferences, SchoolCalendars calendars, CalendarFeeds feeds) {
        this.people = people;
        this.preferences = preferences;
        this.calendars = calendars;
        this.feeds = feeds;
    }

    public void register(Router router) {
        router.command("nudges", this::show, "my nudges", "reminders", "nudge settings")
              .commandWithText("quiet hours", this::quietHours, "quiet time")
              .command("snooze a week", this::snooze, "snooze", "snooze nudges", "snooze for a week")
              .command("skip this week", this::skipWeek, "skip week", "skip this weeks nudges")
              .command("pause", this::pause, "pause nudges", "pause reminders")
              .command("stop nudges", this::stop, "stop", "stop reminders", "unsubscribe")
              .command("start nudges", this::start, "start", "resume", "resume nudges", "unpause")
              .commandWithText("study day", this::studyDay, "self-study day", "self study day", "my study day")
              .command("calendar", this::calendarLink, "my calendar", "calendar link", "nudge calendar", "subscribe")
              .describe("nudges", "nudges", "your weekly nudges: quiet hours, snooze a week, skip this week, pause, stop, start, study day")
              .describe("calendar", "calendar", "a link to subscribe to your pairing's nudges in Outlook or another calendar");
    }

    private ZoneId zone(Turn turn) {
        return people.school(turn.person().schoolId()).map(School::zone).orElse(ZoneId.of("Europe/London"));
    }

    private LocalDate today(Turn turn) {
        return turn.now().atZone(zone(turn)).toLocalDate();
    }

    private List<Message> show(Turn turn) {
        NudgePreferences p = preferences.get(turn.person().id());
        LocalDate today = today(turn);
        List<String> lines = new ArrayList<>();
        if (p.stopped()) {
            lines.add("Nudges are *stopped*. Say *start* to have them again.");
        } else if (p.pausedUntil() != null && today.isBefore(p.pausedUntil())) {
            lines.add("Nudges are *paused* until " + DAY.format(p.pausedUntil()) + ".");
        } else if (p.snoozedUntil() != null && today.isBefore(p.snoozedUntil())) {
            lines.add("Nudges are *snoozed* until " + DAY.format(p.snoozedUntil()) + ".");
        } else {
            lines.add("Nudges are *on*.");
        }
        if (p.skipWeekOf() != null && SchoolCalendar.weekOf(today).equals(p.skipWeekOf())) {
            lines.add("This week's nudges are skipped.");
        }
        lines.add(p.hasQuietHours() ? "Quiet hours: " + p.quietFrom() + " to " + p.quietTo() + "." : "No quiet hours set.");
        if (turn.person().is(Role.ECT)) {
            lines.add("Self-study nudge: " + (p.studyDay() == null ? "the school day after your meeting" : plural(p.studyDay())) + ".");
        }
        return List.of(Message.builder().heading("Your nudges").bullets(lines).note(HINT).build());
    }

    private List<Message> quietHours(Turn turn) {
        String args = turn.args().strip().toLowerCase(Locale.ROOT);
        NudgePreferences p = preferences.get(turn.person().id());
        if (args.equals("off") || args.equals("none") || args.equals("clear")) {
            preferences.save(p.quiet(null, null));
            return List.of(Message.text("Quiet hours are off: nudges come at their planned times."));
        }
        String[] parts = args.split("\\s*(?:-|–|to|until)\\s*");
        if (parts.length != 2) {
            return quietHelp(args.isEmpty() ? null : turn.args().strip());
        }
        LocalTime from = time(parts[0]);
        LocalTime to = time(parts[1]);
        if (from == null || to == null || from.equals(to)) {
            return quietHelp(turn.args().strip());
        }
        preferences.save(p.quiet(from, to));
        return List.of(Message.text("Quiet hours set: no nudges from " + from + " to " + to
                + ". A nudge due then arrives when they end."));
    }

    private static List<Message> quietHelp(String given) {
        String prefix = given == null ? "" : "I couldn't read \"" + given + "\" as two times. ";
        return List.of(Message.text(prefix + "Give a start and an end, for example *quiet hours 20:00-07:00*, "
                + "or *quiet hours off*."));
    }

    static LocalTime time(String text) {
        Matcher m = HOURS.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        int h = Integer.parseInt(m.group(1));
        int min = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (m.group(3) != null) {
            if (h < 1 || h > 12) {
                return null;
            }
            h = h % 12 + (m.group(3).equals("pm") ? 12 : 0);
        }
        if (h > 23 || min > 59) {
            return null;
        }
        return LocalTime.of(h, min);
    }

    private List<Message> studyDay(Turn turn) {
        if (!turn.person().is(Role.ECT)) {
            return List.of(Message.text("The self-study nudge is for ECTs: it reminds them of the week's self-directed study. "
                    + "Yours are the meeting nudges (say *nudges* to see them)."));
        }
        String args = turn.args().strip().toLowerCase(Locale.ROOT);
        NudgePreferences p = preferences.get(turn.person().id());
        if (args.isEmpty()) {
            return List.of(Message.text("Your self-study nudge comes "
                    + (p.studyDay() == null ? "on the school day after your meeting" : "on " + plural(p.studyDay()))
                    + ". To change it, say a weekday, for example *study day thursday* (or *study day default*)."));
        }
        if (args.equals("default") || args.equals("off") || args.equals("clear") || args.equals("reset")) {
            preferences.save(p.studyOn(null));
            return List.of(Message.text("Your self-study nudge is back to the school day after your meeting, from next week's plan on."));
        }
        DayOfWeek day = weekday(args);
        if (day == null) {
            return List.of(Message.text("I couldn't read \"" + turn.args().strip() + "\" as a school day. "
                    + "Say a weekday from Monday to Friday, for example *study day thursday*."));
        }
        preferences.save(p.studyOn(day));
        return List.of(Message.text("Done: your self-study nudge will come on " + plural(day)
                + " (when that day is a school day). Say *study day default* to go back to the day after your meeting."));
    }

    /** Monday to Friday from a name, a plural or a short form of three letters or more ("thu", "thurs", "weds"). */
    static DayOfWeek weekday(String text) {
        // a trailing s goes: "thursdays" and "weds" become "thursday" and "wed"
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("s$", "");
        if (t.length() < 3) {
            return null;
        }
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            if (d.getDisplayName(TextStyle.FULL, Locale.UK).toLowerCase(Locale.ROOT).startsWith(t)) {
                return d;
            }
        }
        return null;
    }

    private static String plural(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.UK) + "s";
    }

    private List<Message> calendarLink(Turn turn) {
        List<Pairing> pairings = people.pairingsOf(turn.person().id());
        if (pairings.isEmpty()) {
            return List.of(Message.text("You're not in a mentor pairing yet, so there is no nudge calendar to subscribe to."));
        }
        if (feeds.link(pairings.get(0).id()).isEmpty()) {
            return List.of(Message.text("Calendar links aren't set up on this server yet: your IT admin gives the bot its "
                    + "address (BOT_PUBLIC_URL) and a secret for the links (BOT_FEED_SECRET)."));
        }
        List<String> lines = new ArrayList<>();
        for (Pairing p : pairings) {
            String other = turn.person().id().equals(p.mentorId()) ? p.ectId() : p.mentorId();
            String name = people.person(other).map(Person::name).orElse(other);
            lines.add("With " + name + ": " + feeds.link(p.id()).orElseThrow());
        }
        String note = feeds.keyed()
                ? "In Outlook: Add calendar, then Subscribe from web, and paste the link. Keep it to yourself: "
                        + "anyone with it sees your pairing's nudge times."
                : "This link works only on the machine the bot runs on (no BOT_FEED_SECRET is set).";
        return List.of(Message.builder().heading("Your nudge calendar").bullets(lines).note(note).build());
    }

    private List<Message> snooze(Turn turn) {
        LocalDate until = today(turn).plusWeeks(1);
        preferences.save(preferences.get(turn.person().id()).snoozeUntil(until));
        return List.of(Message.builder()
                .text("Snoozed: no nudges until " + DAY.format(until) + ".")
                .buttons(Button.command("Turn nudges back on", "start"))
                .build());
    }

    private List<Message> skipWeek(Turn turn) {
        LocalDate monday = SchoolCalendar.weekOf(today(turn));
        preferences.save(preferences.get(turn.person().id()).skipWeek(monday));
        return List.of(Message.builder()
                .text("Skipped: no more nudges this week. They start again on " + DAY.format(monday.plusWeeks(1)) + ".")
                .buttons(Button.command("Undo", "start"))
                .build());
    }

    private List<Message> pause(Turn turn) {
        LocalDate today = today(turn);
        School school = people.school(turn.person().schoolId()).orElse(new School(turn.person().schoolId(), "", zone(turn)));
        LocalDate until = calendars.forSchool(school).nextTermStart(today).orElse(today.plusWeeks(4));
        preferences.save(preferences.get(turn.person().id()).pauseUntil(until));
        return List.of(Message.builder()
                .text("Paused: no nudges until " + DAY.format(until) + ". Say *start* to have them sooner.")
                .buttons(Button.command("Turn nudges back on", "start"))
                .build());
    }

    private List<Message> stop(Turn turn) {
        preferences.save(preferences.get(turn.person().id()).stop());
        return List.of(Message.builder()
                .text("Stopped: I won't nudge you any more. Everything else still works; say *start* whenever you want nudges again.")
                .buttons(Button.command("Start nudges again", "start"))
                .build());
    }

    private List<Message> start(Turn turn) {
        preferences.save(preferences.get(turn.person().id()).start());
        return List.of(Message.text("Nudges are on again: the next one comes at its usual time."));
    }
}
