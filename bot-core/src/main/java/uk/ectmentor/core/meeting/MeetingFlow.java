package uk.ectmentor.core.meeting;

import uk.ectmentor.core.trust.AccessPolicy;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.actions.ActionStore;
import uk.ectmentor.core.actions.ActionsFlow;
import uk.ectmentor.core.chat.Actions;
import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.content.Activity;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.content.Section;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.engine.Flow;
import uk.ectmentor.core.engine.FlowControl;
import uk.ectmentor.core.engine.Intents;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.reflect.LearningLogStore;
import uk.ectmentor.core.reflect.LogEntry;

/**
 * The meeting co-pilot for mentors: walks Review → Plan → Theory to Practice → Next Steps with each section's
 * minutes and prompts. Anything typed is a note for the current section; {@code next}, {@code back} or a
 * section's name moves; {@code used 2} (or the button) marks an activity used; {@code finish} saves the meeting
 * record, shares it with the ECT, and goes on to agree the precise action.
 *
 * <p>One step, {@code section}; the section index, notes and used activities are conversation values.
 */
public final class MeetingFlow implements Flow {
    public static final String NAME = "meeting";
    static final String ID = "meet.id";
    static final String AT = "meet.at";
    static final String USED = "meet.used";
    static final String NOTE = "meet.note.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.UK).withZone(ZoneOffset.UTC);

    private final PeopleStore people;
    private final ContentPack content;
    private final ActionStore actions;
    private final MeetingStore meetings;
    private final LearningLogStore log;
    private final ConversationStore conversations;
    private final ActionsFlow actionsFlow;

    public MeetingFlow(PeopleStore people, ContentPack content, ActionStore actions, MeetingStore meetings,
                       LearningLogStore log, ConversationStore conversations, ActionsFlow actionsFlow) {
        this.people = people;
        this.content = content;
        this.actions = actions;
        this.meetings = meetings;
        this.log = log;
        this.conversations = conversations;
        this.actionsFlow = actionsFlow;
        actionsFlow.onSaved((meetingId, action) -> {
            if (meetingId != null) {
                meetings.meeting(meetingId).ifPresent(m -> meetings.save(m.withAction(action.id())));
            }
        });
    }

    public void register(Router router) {
        router.command("meeting", this::start, "start meeting", "run meeting", "meeting copilot", "co pilot", "copilot",
                        "start the meeting")
              .command("last meeting", this::lastMeeting, "meeting notes", "meeting record", "meeting records", "last meeting notes")
              .flow(this)
              .describe("meeting", "meeting", "run this week's meeting section by section, with notes, ending with the precise action")
              .describe("last meeting", "last meeting", "the notes and agreed action of your latest meeting");
    }

    @Override
    public String name() {
        return NAME;
    }

    private List<Message> start(Turn turn) {
        Person person = turn.person();
        if (!person.is(Role.MENTOR)) {
            return List.of(Message.builder()
                    .text("The meeting co-pilot is for mentors. Before your meeting you can answer the Review questions "
                            + "about last week's action, so your mentor sees them.")
                    .buttons(Button.command("Prepare for my meeting", "prepare"))
                    .build());
        }
        List<Pairing> pairings = people.pairingsOf(person.id());
        if (pairings.isEmpty()) {
            return List.of(Message.text("You're not paired with an ECT yet, so there's no meeting to run. "
                    + "Say *invite* to get a code for your ECT."));
        }
        Pairing pairing = pairings.get(0);
        ConversationState current = conversations.get(person.id()).orElse(ConversationState.empty(person.id(), turn.now()));
        Map<String, String> values = new HashMap<>();
        current.data().keySet().stream().filter(k -> k.startsWith("meet.")).forEach(k -> values.put(k, null));
        values.put(ID, "mtg-" + UUID.randomUUID().toString().substring(0, 8));
        values.put(AT, "0");
        ConversationState started = ConversationEngine.start(conversations, current, NAME, "section", values, turn.now());
        MeetingPlan plan = MeetingPlan.forWeek(content, pairing.module(), pairing.week());
        List<Message> out = new ArrayList<>();
        out.add(Message.builder()
                .text("Meeting started with " + ectName(pairing) + ": module " + pairing.module() + ", week " + pairing.week()
                        + ", " + plan.sections().size() + " sections.")
                .note("Type notes at any point and I'll file them under the section you're on. Say next, back, a section's "
                        + "name, or finish.")
                .build());
        out.add(section(started, pairing, plan, 0));
        return out;
    }

    @Override
    public List<Message> onInput(Turn turn, ConversationState state, FlowControl control) {
        Optional<Pairing> pairing = people.pairingOf(turn.person().id());
        if (pairing.isEmpty()) {
            control.finish();
            return List.of(Message.text("You're no longer paired, so I've closed the meeting."));
        }
        MeetingPlan plan = MeetingPlan.forWeek(content, pairing.get().module(), pairing.get().week());
        int at = Math.min(parseInt(state.get(AT), 0), plan.sections().size() - 1);
        String said = turn.text().strip();
        String word = Intents.normalise(said);

        int target = -2;
        if (word.equals("next") || word.equals("next section")) {
            target = at + 1;
            if (target >= plan.sections().size()) {
                return List.of(Message.builder()
                        .text("That's the last section. Say *finish* to save the meeting and agree the precise action.")
                        .buttons(Button.primary("Finish and agree the action", Actions.SAY, "finish"))
                        .build());
            }
        } else if (word.equals("back") || word.equals("previous")) {
            target = Math.max(0, at - 1);
        } else if (word.equals("review") || word.equals("plan") || word.equals("theory") || word.equals("theory to practice")
                || word.equals("t2p") || word.equals("next steps") || word.equals("nextsteps")) {
            String name = word.startsWith("theory") || word.equals("t2p") ? "theory" : word.equals("nextsteps") ? "next steps" : word;
            target = plan.indexOf(name);
            if (target < 0) {
                return List.of(Message.text("This meeting has no " + said + " section."));
            }
        } else if (word.matches("section \\d+") || word.matches("go to \\d+")) {
            target = parseInt(word.replaceAll("\\D", ""), 0) - 1;
            if (target < 0 || target >= plan.sections().size()) {
                return List.of(Message.text("There are " + plan.sections().size() + " sections; pick 1 to " + plan.sections().size() + "."));
            }
        }
        if (target >= 0) {
            control.next("section", Map.of(AT, String.valueOf(target)));
            ConversationState moved = state.with(AT, String.valueOf(target), turn.now());
            return List.of(section(moved, pairing.get(), plan, target));
        }
        if (word.matches("used \\d+")) {
            List<Activity> acts = plan.sections().get(at).activities();
            int n = parseInt(word.substring(5), 0);
            if (n < 1 || n > acts.size()) {
                return List.of(Message.text(acts.isEmpty() ? "This section has no numbered activities."
                        : "This section's activities are numbered 1 to " + acts.size() + "."));
            }
            Set<String> used = used(state);
            used.add(at + "." + (n - 1));
            control.next("section", Map.of(USED, String.join(",", used)));
            return List.of(Message.text("Marked as used: " + title(acts.get(n - 1)) + "."));
        }
        if (word.equals("notes") || word.equals("my notes")) {
            return List.of(notesSoFar(state, plan));
        }
        if (word.equals("finish") || word.equals("finish meeting") || word.equals("end meeting") || word.equals("done")) {
            return finish(turn, state, pairing.get(), plan, control);
        }
        String key = NOTE + at;
        String before = state.get(key);
        control.next("section", Map.of(key, before == null ? said : before + "\n" + said));
        return List.of(Message.of(new Block.Note("Noted under " + plan.sections().get(at).name() + ".")));
    }

    private List<Message> finish(Turn turn, ConversationState state, Pairing pairing, MeetingPlan plan, FlowControl control) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (int i = 0; i < plan.sections().size(); i++) {
            String note = state.get(NOTE + i);
            if (note != null) {
                notes.put(plan.sections().get(i).name(), note);
            }
        }
        List<String> used = new ArrayList<>();
        for (String u : used(state)) {
            String[] ij = u.split("\\.");
            int i = parseInt(ij[0], -1);
            int j = parseInt(ij.length > 1 ? ij[1] : "", -1);
            if (i >= 0 && i < plan.sections().size() && j >= 0 && j < plan.sections().get(i).activities().size()) {
                used.add(plan.sections().get(i).name() + ": " + title(plan.sections().get(i).activities().get(j)));
            }
        }
        String id = state.get(ID) == null ? "mtg-" + UUID.randomUUID().toString().substring(0, 8) : state.get(ID);
        MeetingRecord record = new MeetingRecord(id, pairing.schoolId(), pairing.id(), pairing.mentorId(), pairing.ectId(),
                pairing.module(), pairing.week(), plan.title(), notes, used, null, turn.now());
        meetings.save(record);
        log.append(new LogEntry(UUID.randomUUID().toString(), pairing.ectId(), pairing.schoolId(), "meeting", pairing.module(),
                pairing.week(), summary(record), turn.now(), true, "meeting:" + id));
        // no control.finish(): the conversation moves straight on to the action flow, which begin() records
        List<Message> out = new ArrayList<>();
        out.add(Message.builder()
                .heading("Meeting saved")
                .text("Notes from " + notes.size() + " of " + plan.sections().size() + " sections and " + used.size()
                        + " activities used are saved, and shared with " + ectName(pairing) + " in their learning log.")
                .build());
        out.addAll(actionsFlow.begin(turn.person(), pairing, id, turn.now()));
        return out;
    }

    static String summary(MeetingRecord r) {
        StringBuilder s = new StringBuilder("Meeting, module " + r.module() + " week " + r.week() + ": " + r.sessionTitle());
        r.notes().forEach((section, note) -> s.append("\n").append(section).append(": ").append(note.replace("\n", "; ")));
        if (!r.activitiesUsed().isEmpty()) {
            s.append("\nActivities used: ").append(String.join("; ", r.activitiesUsed()));
        }
        return s.toString();
    }

    private Message section(ConversationState state, Pairing pairing, MeetingPlan plan, int index) {
        Section section = plan.sections().get(index);
        Message.Builder m = Message.builder()
                .heading(section.name() + " · " + section.timing())
                .note("Module " + pairing.module() + ", week " + pairing.week() + ": " + plan.title() + " · with " + ectName(pairing))
                .progress(index + 1, plan.sections().size(), "Section");
        if (section.summary() != null) {
            m.text(section.summary());
        }
        if (index == 0 || section.name().equalsIgnoreCase("Review")) {
            reviewBlocks(people, people.person(state.personId()).orElse(null), actions, meetings, pairing, ectName(pairing)).forEach(m::block);
        }
        Set<String> used = used(state);
        List<Activity> acts = section.activities();
        for (int j = 0; j < acts.size(); j++) {
            Activity a = acts.get(j);
            boolean done = used.contains(index + "." + j);
            m.text("*" + (j + 1) + ". " + title(a) + "*" + (done ? " (used)" : "") + (a.text() == null ? "" : "\n" + a.text()));
            m.bullets(a.prompts());
        }
        String note = state.get(NOTE + index);
        if (note != null) {
            m.note("Your notes here: " + note.replace("\n", "; "));
        }
        List<Button> buttons = new ArrayList<>();
        if (index + 1 < plan.sections().size()) {
            Section next = plan.sections().get(index + 1);
            buttons.add(new Button("Next: " + next.name() + " (" + next.timing() + ")", Actions.SAY, "next", "primary"));
        } else {
            buttons.add(new Button("Finish and agree the action", Actions.SAY, "finish", "primary"));
        }
        if (index > 0) {
            buttons.add(Button.of("Back: " + plan.sections().get(index - 1).name(), Actions.SAY, "back"));
        }
        for (int j = 0; j < acts.size() && j < 4; j++) {
            if (!used.contains(index + "." + j)) {
                buttons.add(Button.of("Used " + (j + 1) + ": " + shorten(title(acts.get(j))), Actions.SAY, "used " + (j + 1)));
            }
        }
        m.buttons(buttons);
        List<Block.Option> jump = new ArrayList<>();
        for (int i = 0; i < plan.sections().size(); i++) {
            if (i != index) {
                jump.add(new Block.Option(plan.sections().get(i).name(), "section " + (i + 1)));
            }
        }
        m.block(new Block.Choice("Jump to", Actions.SAY, jump));
        return m.build();
    }

    /**
     * What {@code viewer} sees at Review: the ECT's open actions and pre-meeting answers when the access policy
     * lets them read the ECT's records (the ECT, or their own mentor in the same school), otherwise a note.
     */
    public static List<Block> reviewBlocks(PeopleStore people, Person viewer, ActionStore actions, MeetingStore meetings,
                                           Pairing pairing, String ectName) {
        if (!AccessPolicy.allows(people, viewer, pairing.ectId(), AccessPolicy.Resource.ACTION, false)) {
            return List.of(new Block.Note("Only " + ectName + "'s own mentor sees their actions and answers."));
        }
        return reviewBlocks(actions, meetings, pairing, ectName);
    }

    /** What the mentor sees at Review: the ECT's open actions and, if given, their pre-meeting answers. */
    public static List<Block> reviewBlocks(ActionStore actions, MeetingStore meetings, Pairing pairing, String ectName) {
        List<Block> out = new ArrayList<>();
        List<ActionStep> open = actions.openFor(pairing.ectId());
        if (open.isEmpty()) {
            out.add(new Block.Text("*" + ectName + "'s open actions:* none recorded."));
        } else {
            out.add(new Block.Text("*" + ectName + "'s open actions:*"));
            out.add(new Block.Items(open.stream().map(a -> a.text() + " (set in module " + a.module() + " week " + a.week()
                    + (a.dueOn() == null ? "" : ", follow up by " + DAY.format(a.dueOn().atStartOfDay(ZoneOffset.UTC))) + ")")
                    .toList(), false));
        }
        meetings.review(pairing.id(), pairing.module(), pairing.week()).ifPresent(r -> {
            out.add(new Block.Text("*" + ectName + "'s answers before the meeting*"
                    + (r.actionText() == null ? ":" : " (about: " + r.actionText() + "):")));
            out.add(new Block.Items(List.of("What I did: " + r.did(), "Impact on pupils, and how I know: " + r.impact(),
                    "What next: " + r.next()), false));
        });
        return out;
    }

    private Message notesSoFar(ConversationState state, MeetingPlan plan) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < plan.sections().size(); i++) {
            String note = state.get(NOTE + i);
            lines.add(plan.sections().get(i).name() + ": " + (note == null ? "(none)" : note.replace("\n", "; ")));
        }
        return Message.builder().heading("Notes so far").bullets(lines).build();
    }

    @Override
    public List<Message> help(ConversationState state) {
        return List.of(Message.builder()
                .text("You're in the meeting co-pilot. What you can say:")
                .bullets(List.of("*next* or *back*: move between sections",
                        "*review*, *plan*, *theory*, *next steps* (or *section 3*): jump to a section",
                        "*used 2*: mark activity 2 of this section as used",
                        "*notes*: see the notes so far",
                        "*finish*: save the meeting and agree the precise action",
                        "anything else: a note for the section you're on"))
                .build());
    }

    @Override
    public List<Message> prompt(ConversationState state) {
        Person mentor = people.person(state.personId()).orElse(null);
        Optional<Pairing> pairing = mentor == null ? Optional.empty() : people.pairingOf(mentor.id());
        if (pairing.isEmpty()) {
            return help(state);
        }
        MeetingPlan plan = MeetingPlan.forWeek(content, pairing.get().module(), pairing.get().week());
        int at = Math.min(parseInt(state.get(AT), 0), plan.sections().size() - 1);
        return List.of(section(state, pairing.get(), plan, at));
    }

    private List<Message> lastMeeting(Turn turn) {
        Optional<Pairing> pairing = people.pairingOf(turn.person().id());
        if (pairing.isEmpty()) {
            return List.of(Message.text("You're not paired yet, so there are no meeting records."));
        }
        if (!AccessPolicy.allows(people, turn.person(), pairing.get().ectId(), AccessPolicy.Resource.MEETING_RECORD, false)) {
            return List.of(Message.text("Meeting records are for the ECT and their own mentor only."));
        }
        List<MeetingRecord> records = meetings.meetingsOf(pairing.get().id(), 1);
        if (records.isEmpty()) {
            return List.of(Message.text("No meeting has been recorded yet. Mentors record one with *meeting*."));
        }
        MeetingRecord r = records.get(0);
        Message.Builder m = Message.builder()
                .heading("Meeting: module " + r.module() + ", week " + r.week())
                .note(r.sessionTitle() + " · " + DAY.format(r.savedAt()));
        List<String> notes = new ArrayList<>();
        r.notes().forEach((section, note) -> notes.add("*" + section + "*: " + note.replace("\n", "; ")));
        m.bullets(notes.isEmpty() ? List.of("No notes were taken.") : notes);
        if (!r.activitiesUsed().isEmpty()) {
            m.text("*Activities used:* " + String.join("; ", r.activitiesUsed()));
        }
        if (r.actionId() != null) {
            actions.byId(r.actionId()).ifPresent(a -> m.text("*Agreed action:* " + a.text()));
        }
        return List.of(m.build());
    }

    private Set<String> used(ConversationState state) {
        String u = state.get(USED);
        return u == null || u.isBlank() ? new LinkedHashSet<>() : new LinkedHashSet<>(Arrays.asList(u.split(",")));
    }


    private String ectName(Pairing pairing) {
        return people.person(pairing.ectId()).map(Person::name).orElse("your ECT");
    }

    /** An activity's title without the number some documents give it. */
    private static String title(Activity a) {
        return a.title().replaceFirst("^\\d+[.)]\\s*", "");
    }

    private static String shorten(String s) {
        return s.length() <= 28 ? s : s.substring(0, 27) + "…";
    }

    private static int parseInt(String s, int otherwise) {
        try {
            return Integer.parseInt(s.strip());
        } catch (RuntimeException e) {
            return otherwise;
        }
    }
}
