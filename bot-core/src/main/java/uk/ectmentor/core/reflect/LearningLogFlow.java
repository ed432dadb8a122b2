package uk.ectmentor.core.reflect;

import uk.ectmentor.core.trust.AccessPolicy;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.engine.Flow;
import uk.ectmentor.core.engine.FlowControl;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;

/**
 * The learning log: list and filter it ({@code log m4}, {@code log week 6}, {@code log reflections}),
 * export it as Markdown, share or unshare a reflection with the mentor, edit it, delete it (after a
 * yes), and for a mentor, read what their own mentee has shared ({@code log sam},
 * {@code shared reflections}). Private entries are never shown to anyone but their author.
 *
 * <p>Entries are referred to by their number in the full log, newest first ({@code share 2}), or as
 * {@code last} (the newest reflection). Edit and delete are a small flow, so a typed "yes" or the new
 * text lands in the right place.
 */
public final class LearningLogFlow implements Flow {
    public static final String NAME = "log.change";
    /** Button: share the entry whose id is the value. */
    public static final String SHARE = "log.share";
    /** Button: make the entry whose id is the value private again. */
    public static final String UNSHARE = "log.unshare";
    /** Button: confirm deleting the entry whose id is the value. */
    public static final String DELETE = "log.delete";
    /** Button: keep the entry whose id is the value after all. */
    public static final String KEEP = "log.keep";
    static final String PREFIX = "log.";
    static final String ENTRY = "log.entry";
    static final String LAST = "log.lastDelivery";
    static final String EDIT = "edit";
    static final String CONFIRM_DELETE = "delete";
    /** How far back the log is read for listing, numbering and export. */
    static final int READ_LIMIT = 500;
    private static final int SHOWN = 10;
    private static final int SHOWN_ALL = 50;
    private static final int PREVIEW = 200;
    private static final Pattern REF = Pattern.compile("^\\s*(?:entry|number|no\\.?|#)?\\s*(last|latest|newest|that|it|\\d{1,3})\\b[\\s:;,.\\-\u2013\u2014]*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK);

    private final PeopleStore people;
    private final LearningLogStore log;
    private final ConversationStore conversations;
    private final ReflectionFlow reflections;

    public LearningLogFlow(PeopleStore people, LearningLogStore log, ConversationStore conversations, ReflectionFlow reflections) {
        this.people = people;
        this.log = log;
        this.conversations = conversations;
        this.reflections = reflections;
    }

    public void register(Router router) {
        router.commandWithText("log", this::list, "my log", "learning log", "show log", "my learning log")
              .commandWithText("export log", this::export, "export", "export my log", "export learning log")
              .commandWithText("share", t -> share(t, true), "share reflection")
              .commandWithText("unshare", t -> share(t, false), "make private", "stop sharing")
              .commandWithText("edit", this::edit, "edit entry", "edit reflection")
              .commandWithText("delete", this::delete, "delete entry", "delete reflection", "remove entry")
              .command("shared reflections", this::sharedReflections, "shared", "shared entries")
              .action(SHARE, t -> shareAction(t, true))
              .action(UNSHARE, t -> shareAction(t, false))
              .action(DELETE, this::deleteAction)
              .action(KEEP, this::keepAction)
              .flow(this)
              .describe("log", "log [m4] [week 6] [reflections]", "your learning log, newest first, filtered by module, week or kind")
              .describe("export log", "export log", "your learning log as Markdown")
              .describe("share", "share last / share 2", "let your mentor read a reflection (unshare to make it private again)")
              .describe("edit", "edit last / delete last", "change or delete one of your reflections")
              .describe("shared reflections", "log sam / shared reflections", "mentors: what your ECT has shared with you");
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---------------------------------------------------------------- listing

    private List<Message> list(Turn turn) {
        Person me = turn.person();
        LogFilter filter = LogFilter.parse(turn.args());
        if (!filter.unknown().isEmpty()) {
            String named = String.join(" ", filter.unknown());
            if (me.is(Role.MENTOR)) {
                Optional<Person> mentee = FlowData.mentee(people, me, named);
                if (mentee.isPresent()) {
                    return menteeLog(me, mentee.get(), filter);
                }
                return List.of(Message.text("You don't mentor anyone called \"" + named + "\", so I can't show their log. "
                        + "Mentors can read only the entries their own ECT has shared." + menteeHint(me)));
            }
            return notUnderstoodFilter(turn, named);
        }
        List<LogEntry> all = log.recent(me.id(), READ_LIMIT);
        if (all.isEmpty()) {
            List<Person> mentees = me.is(Role.MENTOR) ? FlowData.mentees(people, me) : List.of();
            if (!mentees.isEmpty()) {
                Person m = mentees.get(0);
                return List.of(Message.builder()
                        .text("Your own learning log is empty. To read what " + m.name() + " has shared with you, say *log "
                                + m.name().toLowerCase(Locale.ROOT) + "*.")
                        .buttons(Button.command(m.name() + "'s shared entries", "log " + m.name().toLowerCase(Locale.ROOT)))
                        .build());
            }
            return List.of(Message.text("Your learning log is empty. Save a thought with *reflect: ...*, or say *gibbs* for a guided reflection."));
        }
        List<String> lines = new ArrayList<>();
        int matched = 0;
        int limit = filter.all() ? SHOWN_ALL : SHOWN;
        ZoneId zone = zone(me);
        for (int i = 0; i < all.size(); i++) {
            LogEntry e = all.get(i);
            if (filter.matches(e)) {
                matched++;
                if (lines.size() < limit) {
                    lines.add("(" + (i + 1) + ") " + line(e, zone) + (e.shared() ? " · shared" : ""));
                }
            }
        }
        if (matched == 0) {
            return List.of(Message.builder()
                    .text("No entries in your log match " + filter.describe() + ".")
                    .buttons(Button.command("Whole log", "log"))
                    .build());
        }
        Message.Builder m = Message.builder()
                .heading("Your learning log" + (filter.isEmpty() ? "" : ": " + filter.describe()))
                .note("Newest first · " + matched + (matched == 1 ? " entry" : " entries")
                        + (matched > lines.size() ? " · showing " + lines.size() + " (say *log all* for more)" : ""))
                .bullets(lines)
                .note("Change one with *share 2*, *edit 2* or *delete 2* (or *last* for your newest reflection). "
                        + "Filter with *log m4*, *log week 6* or *log reflections*.");
        m.buttons(Button.command("Export as Markdown", filter.isEmpty() ? "export log" : "export log " + filter.describe().replace(" · ", " ")));
        return List.of(m.build());
    }

    private List<Message> menteeLog(Person mentor, Person mentee, LogFilter filter) {
        if (Boolean.FALSE.equals(filter.shared())) {
            return List.of(Message.text(mentee.name() + "'s private entries are for " + mentee.name() + " alone. "
                    + "Say *log " + mentee.name().toLowerCase(Locale.ROOT) + "* to see what they have shared."));
        }
        List<LogEntry> shared = log.sharedOf(mentee.id(), READ_LIMIT).stream().filter(filter::matches)
                .filter(e -> e.personId().equals(mentee.id())
                        && AccessPolicy.allows(people, mentor, e.personId(), AccessPolicy.Resource.LOG_ENTRY, e.shared()))
                .toList();
        if (shared.isEmpty()) {
            return List.of(Message.text(mentee.name() + " hasn't shared any " + (filter.isEmpty() ? "entries" : "entries matching " + filter.describe())
                    + " with you yet. Reflections stay private until " + mentee.name() + " chooses to share them."));
        }
        ZoneId zone = zone(mentor);
        int limit = filter.all() ? SHOWN_ALL : SHOWN;
        return List.of(Message.builder()
                .heading(mentee.name() + "'s shared entries" + (filter.isEmpty() ? "" : ": " + filter.describe()))
                .note("Newest first · " + shared.size() + (shared.size() == 1 ? " entry" : " entries")
                        + " · only what " + mentee.name() + " has chosen to share")
                .bullets(shared.stream().limit(limit).map(e -> line(e, zone)).toList())
                .build());
    }

    private List<Message> sharedReflections(Turn turn) {
        Person me = turn.person();
        if (!me.is(Role.MENTOR)) {
            LogFilter mine = LogFilter.parse("shared");
            List<LogEntry> shared = log.sharedOf(me.id(), READ_LIMIT);
            if (shared.isEmpty()) {
                return List.of(Message.text("You haven't shared anything with your mentor yet. Say *share last* to share your newest reflection."));
            }
            return list(new Turn(turn.inbound(), me, turn.command(), mine.describe(), turn.now()));
        }
        List<Person> mentees = FlowData.mentees(people, me);
        if (mentees.isEmpty()) {
            return List.of(Message.text("You're not mentoring anyone yet, so there are no shared reflections to read."));
        }
        ZoneId zone = zone(me);
        List<Message> out = new ArrayList<>();
        for (Person mentee : mentees) {
            List<LogEntry> shared = log.sharedOf(mentee.id(), READ_LIMIT).stream()
                    .filter(e -> e.kind().equals("reflection")).toList();
            if (shared.isEmpty()) {
                out.add(Message.text(mentee.name() + " hasn't shared any reflections with you yet."));
            } else {
                out.add(Message.builder()
                        .heading("Reflections " + mentee.name() + " has shared")
                        .note("Newest first · " + shared.size() + (shared.size() == 1 ? " reflection" : " reflections"))
                        .bullets(shared.stream().limit(SHOWN).map(e -> line(e, zone)).toList())
                        .build());
            }
        }
        return out;
    }

    private List<Message> notUnderstoodFilter(Turn turn, String words) {
        List<Message> out = new ArrayList<>();
        out.add(Message.text("I didn't understand \"" + words + "\" after *log*. You can filter your own log by module (*log m4*), "
                + "week (*log week 6*) or kind (*log reflections*, *meetings*, *actions*, *audits*)."));
        if (turn.person().is(Role.ECT) && turn.text().strip().split("\\s+").length >= 4) {
            out.addAll(reflections.offerToSave(turn));
        }
        return out;
    }

    // ---------------------------------------------------------------- export

    private List<Message> export(Turn turn) {
        Person me = turn.person();
        LogFilter filter = LogFilter.parse(turn.args());
        if (!filter.unknown().isEmpty()) {
            return List.of(Message.text("You can only export your own learning log, and I didn't understand \""
                    + String.join(" ", filter.unknown()) + "\". Say *export log*, or narrow it with *export log m4* or *export log reflections*."
                    + (me.is(Role.MENTOR) ? " To read what your ECT has shared, say *shared reflections*." : "")));
        }
        List<LogEntry> entries = new ArrayList<>(log.recent(me.id(), READ_LIMIT).stream().filter(filter::matches).toList());
        if (entries.isEmpty()) {
            return List.of(Message.text(filter.isEmpty() ? "Your learning log is empty, so there is nothing to export yet."
                    : "No entries in your log match " + filter.describe() + ", so there is nothing to export."));
        }
        String markdown = LogMarkdown.render(me, entries, filter.describe(), zone(me), turn.now());
        Message.Builder m = Message.builder()
                .text("Here is your learning log as Markdown (" + entries.size() + (entries.size() == 1 ? " entry" : " entries")
                        + "). Copy it into a file ending in .md to keep it.");
        for (String chunk : LogMarkdown.chunks(markdown, 2500)) {
            m.text(chunk);
        }
        return List.of(m.build());
    }

    // ---------------------------------------------------------------- share

    private List<Message> share(Turn turn, boolean share) {
        Matcher ref = REF.matcher(turn.args().isBlank() ? "last" : turn.args());
        if (!ref.matches() || !ref.group(2).isBlank()) {
            return List.of(whichEntry(share ? "share" : "unshare"));
        }
        Optional<LogEntry> entry = resolve(turn.person(), ref.group(1));
        if (entry.isEmpty()) {
            return List.of(notFound(ref.group(1)));
        }
        return applyShare(turn, entry.get(), share);
    }

    private List<Message> shareAction(Turn turn, boolean share) {
        Optional<LogEntry> entry = turn.actionValue() == null ? Optional.empty() : log.byId(turn.person().id(), turn.actionValue());
        if (entry.isEmpty()) {
            return List.of(Message.text("I can't find that entry in your log any more (it may have been deleted)."));
        }
        return applyShare(turn, entry.get(), share);
    }

    private List<Message> applyShare(Turn turn, LogEntry entry, boolean share) {
        if (!entry.kind().equals("reflection")) {
            return List.of(Message.text("Only reflections can be shared or made private this way; that entry is a " + entry.kind() + " record."));
        }
        String mentor = FlowData.mentorOf(people, turn.person());
        if (entry.shared() == share) {
            return List.of(Message.text(share ? "That reflection is already shared" + (mentor == null ? "." : " with " + mentor + ".")
                    : "That reflection is already private to you."));
        }
        LogEntry updated = log.setShared(turn.person().id(), entry.id(), share).orElse(null);
        if (updated == null) {
            return List.of(Message.text("I can't find that entry in your log any more (it may have been deleted)."));
        }
        if (share) {
            return List.of(Message.builder()
                    .text(mentor == null ? "Shared. You're not paired with a mentor yet, so no one can read it until you are."
                            : "Shared with " + mentor + ", your mentor.")
                    .note(preview(updated.text()))
                    .buttons(Button.of("Make it private again", UNSHARE, updated.id()))
                    .build());
        }
        return List.of(Message.builder()
                .text("Done: that reflection is private to you again" + (mentor == null ? "." : "; " + mentor + " can no longer read it."))
                .note(preview(updated.text()))
                .buttons(Button.of("Share it again", SHARE, updated.id()))
                .build());
    }

    // ---------------------------------------------------------------- edit and delete

    private List<Message> edit(Turn turn) {
        Matcher ref = REF.matcher(turn.args());
        if (turn.args().isBlank() || !ref.matches()) {
            return List.of(whichEntry("edit"));
        }
        Optional<LogEntry> entry = resolve(turn.person(), ref.group(1));
        if (entry.isEmpty()) {
            return List.of(notFound(ref.group(1)));
        }
        if (!entry.get().kind().equals("reflection")) {
            return List.of(Message.text("Only your reflections can be edited; that entry is a " + entry.get().kind() + " record."));
        }
        String newText = ref.group(2).strip();
        if (!newText.isEmpty()) {
            return updated(turn, entry.get(), newText);
        }
        start(turn, EDIT, entry.get());
        return List.of(Message.builder()
                .text("Send me the new text for this reflection; it will replace what is there now:")
                .note(preview(entry.get().text()))
                .note("Say cancel to leave it as it is.")
                .build());
    }

    private List<Message> updated(Turn turn, LogEntry entry, String text) {
        Optional<LogEntry> done = log.updateText(turn.person().id(), entry.id(), text.strip());
        if (done.isEmpty()) {
            return List.of(Message.text("I can't find that entry in your log any more (it may have been deleted), so nothing was changed."));
        }
        return List.of(Message.builder()
                .text("Updated. Your reflection now reads:")
                .note(preview(done.get().text()))
                .buttons(Button.command("See my log", "log"))
                .build());
    }

    private List<Message> delete(Turn turn) {
        Matcher ref = REF.matcher(turn.args());
        if (turn.args().isBlank() || !ref.matches() || !ref.group(2).isBlank()) {
            return List.of(whichEntry("delete"));
        }
        Optional<LogEntry> entry = resolve(turn.person(), ref.group(1));
        if (entry.isEmpty()) {
            return List.of(notFound(ref.group(1)));
        }
        if (!entry.get().kind().equals("reflection")) {
            return List.of(Message.text("Only your reflections can be deleted; that entry is a " + entry.get().kind() + " record."));
        }
        start(turn, CONFIRM_DELETE, entry.get());
        return List.of(confirmDelete(entry.get()));
    }

    private static Message confirmDelete(LogEntry entry) {
        return Message.builder()
                .text("Delete this reflection from your learning log? This can't be undone.")
                .note(preview(entry.text()))
                .buttons(new Button("Yes, delete it", DELETE, entry.id(), "danger"), Button.of("No, keep it", KEEP, entry.id()))
                .build();
    }

    private List<Message> deleteAction(Turn turn) {
        String id = turn.actionValue();
        boolean deleted = id != null && log.delete(turn.person().id(), id);
        endIfAbout(turn, id);
        return List.of(Message.builder()
                .text(deleted ? "Deleted. It's gone from your learning log." : "That entry isn't in your log any more (it may already be deleted).")
                .buttons(Button.command("See my log", "log"))
                .build());
    }

    private List<Message> keepAction(Turn turn) {
        endIfAbout(turn, turn.actionValue());
        return List.of(Message.text("OK, I've kept it."));
    }

    private void endIfAbout(Turn turn, String entryId) {
        conversations.get(turn.person().id()).ifPresent(state -> {
            if (NAME.equals(state.flow()) && entryId != null && entryId.equals(state.get(ENTRY))) {
                FlowData.end(conversations, state, PREFIX, Map.of(), turn);
            }
        });
    }

    private void start(Turn turn, String step, LogEntry entry) {
        ConversationState state = conversations.get(turn.person().id()).orElse(ConversationState.empty(turn.person().id(), turn.now()));
        java.util.HashMap<String, String> values = new java.util.HashMap<>();
        values.put(ENTRY, entry.id());
        values.put(LAST, turn.deliveryId());
        uk.ectmentor.core.engine.ConversationEngine.start(conversations, state, NAME, step, values, turn.now());
    }

    @Override
    public List<Message> onInput(Turn turn, ConversationState state, FlowControl control) {
        String id = state.get(ENTRY);
        Optional<LogEntry> entry = id == null ? Optional.empty() : log.byId(turn.person().id(), id);
        if (FlowData.isRetry(turn, state, LAST)) {
            return help(state);
        }
        if (entry.isEmpty()) {
            FlowData.end(conversations, state, PREFIX, Map.of(), turn);
            return List.of(Message.text("That entry is no longer in your log, so there's nothing to change."));
        }
        if (EDIT.equals(state.step())) {
            FlowData.end(conversations, state, PREFIX, FlowData.saved(turn, "Already done: that reflection was updated."), turn);
            return updated(turn, entry.get(), turn.text());
        }
        String answer = Words.plain(turn.text());
        if (List.of("yes", "y", "yes please", "delete", "delete it", "yes delete it").contains(answer) || Words.near(answer, "delete")) {
            log.delete(turn.person().id(), id);
            FlowData.end(conversations, state, PREFIX, FlowData.saved(turn, "Already done: that reflection was deleted."), turn);
            return List.of(Message.builder().text("Deleted. It's gone from your learning log.")
                    .buttons(Button.command("See my log", "log")).build());
        }
        if (List.of("no", "n", "no thanks", "keep", "keep it", "no keep it").contains(answer)) {
            FlowData.end(conversations, state, PREFIX, Map.of(), turn);
            return List.of(Message.text("OK, I've kept it."));
        }
        control.next(CONFIRM_DELETE, Map.of(LAST, turn.deliveryId() == null ? "" : turn.deliveryId()));
        return List.of(Message.text("Please answer *yes* to delete that reflection or *no* to keep it."), confirmDelete(entry.get()));
    }

    @Override
    public List<Message> help(ConversationState state) {
        if (EDIT.equals(state.step())) {
            return List.of(Message.text("I'm waiting for the new text of your reflection: whatever you send next replaces it. "
                    + "Say *cancel* to leave it unchanged."));
        }
        return List.of(Message.text("I'm asking whether to delete a reflection from your learning log: say *yes* to delete it "
                + "or *no* to keep it (*cancel* keeps it too)."));
    }

    // ---------------------------------------------------------------- helpers

    /** "last" is the newest reflection; a number is the position in the whole log, newest first. */
    private Optional<LogEntry> resolve(Person person, String ref) {
        List<LogEntry> all = log.recent(person.id(), READ_LIMIT);
        if (ref.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(ref);
            return n >= 1 && n <= all.size() ? Optional.of(all.get(n - 1)) : Optional.empty();
        }
        return all.stream().filter(e -> e.kind().equals("reflection")).findFirst();
    }

    private static Message whichEntry(String verb) {
        return Message.builder()
                .text("Which entry? Say *" + verb + " last* for your newest reflection, or *" + verb
                        + " 2* using the number shown by *log*.")
                .buttons(Button.command("See my log", "log"))
                .build();
    }

    private static Message notFound(String ref) {
        return Message.builder()
                .text(ref.chars().allMatch(Character::isDigit)
                        ? "There's no entry " + ref + " in your learning log. Say *log* to see the numbers."
                        : "You have no reflections in your learning log yet.")
                .buttons(Button.command("See my log", "log"))
                .build();
    }

    private String menteeHint(Person mentor) {
        List<Person> mentees = FlowData.mentees(people, mentor);
        return mentees.isEmpty() ? "" : " You mentor " + String.join(", ", mentees.stream().map(Person::name).toList()) + ".";
    }

    private ZoneId zone(Person person) {
        return people.school(person.schoolId()).map(s -> s.zone()).orElse(ZoneId.of("Europe/London"));
    }

    static String line(LogEntry e, ZoneId zone) {
        return DAY.format(e.createdAt().atZone(zone)) + " · "
                + (e.module() == 0 ? "" : "M" + e.module() + " W" + e.week() + " · ")
                + e.kind() + ": " + preview(e.text());
    }

    static String preview(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= PREVIEW ? oneLine : oneLine.substring(0, PREVIEW - 1) + "…";
    }
}
