package uk.ectmentor.core.actions;

import uk.ectmentor.core.trust.AccessPolicy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
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
 * Precise actions: agreeing one (the wording is checked by {@link ActionChecker} and the bot asks for what is
 * missing), its success criteria and a follow-up date; listing them ({@code my actions}); marking one done with
 * its outcome. Open actions appear at the next meeting's Review.
 *
 * <p>Steps of the flow: {@code text} → {@code criteria} → {@code due}; and {@code outcome} when marking done.
 */
public final class ActionsFlow implements Flow {
    public static final String NAME = "action";
    /** Button: mark an action done; value the action id. */
    public static final String MARK_DONE = "actions.done";
    /** Conversation value: the meeting record an action is agreed in, if any. */
    public static final String FOR_MEETING = "action.meeting";
    static final String TEXT = "action.text";
    static final String CRITERIA = "action.criteria";
    static final String ID = "action.id";
    static final String OVERRULED = "action.overruled";
    private static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK);

    /** Told when an action is saved, e.g. to attach it to the meeting record it was agreed in. */
    public interface Listener {
        void saved(String meetingId, ActionStep action);
    }

    private final PeopleStore people;
    private final ActionStore actions;
    private final LearningLogStore log;
    private final ConversationStore conversations;
    private final List<Listener> listeners = new ArrayList<>();

    public ActionsFlow(PeopleStore people, ActionStore actions, LearningLogStore log, ConversationStore conversations) {
        this.people = people;
        this.actions = actions;
        this.log = log;
        this.conversations = conversations;
    }

    public ActionsFlow onSaved(Listener listener) {
        listeners.add(listener);
        return this;
    }

    public void register(Router router) {
        router.command("set action", this::start, "new action", "precise action", "agree action", "add action", "set an action")
              .command("my actions", this::list, "actions", "show actions", "open actions", "list actions")
              .action(MARK_DONE, this::markDone)
              .flow(this)
              .describe("set action", "set action", "agree a precise action with its success criteria and a follow-up date")
              .describe("my actions", "my actions", "precise actions, open and done; mark one done");
    }

    @Override
    public String name() {
        return NAME;
    }

    private List<Message> start(Turn turn) {
        Optional<Pairing> pairing = people.pairingOf(turn.person().id());
        if (pairing.isEmpty()) {
            return notPaired();
        }
        return begin(turn.person(), pairing.get(), null, turn.now());
    }

    /** Starts agreeing an action, optionally as the end of a meeting record. */
    public List<Message> begin(Person person, Pairing pairing, String meetingId, Instant now) {
        ConversationState current = conversations.get(person.id()).orElse(ConversationState.empty(person.id(), now));
        Map<String, String> values = new HashMap<>();
        values.put(FOR_MEETING, meetingId);
        values.put(TEXT, null);
        values.put(CRITERIA, null);
        values.put(OVERRULED, null);
        ConversationEngine.start(conversations, current, NAME, "text", values, now);
        String ect = people.person(pairing.ectId()).map(Person::name).orElse("the ECT");
        return List.of(Message.builder()
                .heading("Agree a precise action")
                .text("What is " + (person.id().equals(pairing.ectId()) ? "your" : ect + "'s")
                        + " one precise action for the coming week? Write it as something to do in a lesson.")
                .note("A good one is observable, practice-able, bite-sized and says how.")
                .build());
    }

    @Override
    public List<Message> onInput(Turn turn, ConversationState state, FlowControl control) {
        String step = state.step() == null ? "text" : state.step();
        String said = turn.text().strip();
        String word = Intents.normalise(said);
        switch (step) {
            case "text": {
                boolean keep = word.equals("keep") || word.equals("keep it") || word.equals("keep it as it is");
                String text = keep ? state.get(TEXT) : said;
                if (text == null || text.isBlank()) {
                    return List.of(Message.text("Please write the action itself, in a sentence."));
                }
                ActionChecker.Result result = ActionChecker.check(text);
                if (!keep && !result.ok()) {
                    control.next("text", Map.of(TEXT, text));
                    return List.of(gaps(result));
                }
                control.next("criteria", Map.of(TEXT, text, OVERRULED, keep && !result.ok() ? "yes" : "no"));
                return List.of(Message.builder()
                        .text(result.ok() ? "That's a precise action: observable, practice-able, bite-sized, and it says how."
                                : "OK, keeping it as it is.")
                        .text("*Success criteria:* how will you both know it has worked? What will pupils do or produce?")
                        .build());
            }
            case "criteria": {
                if (said.length() < 3) {
                    return List.of(Message.text("Please describe what success will look like, in a sentence."));
                }
                control.next("due", Map.of(CRITERIA, said));
                return List.of(askDue(turn));
            }
            case "due": {
                Optional<Optional<LocalDate>> due = parseDue(said, turn);
                if (due.isEmpty()) {
                    return List.of(Message.builder()
                            .text("I couldn't read \"" + said + "\" as a date from today on. Try *next meeting*, "
                                    + "*in two weeks*, *none*, or a date like *2026-12-10* or *10/12*.")
                            .build(), askDue(turn));
                }
                control.finish();
                return save(turn, state, due.get().orElse(null));
            }
            case "outcome": {
                if (said.length() < 3) {
                    return List.of(Message.text("Please say briefly what happened when you tried it."));
                }
                control.finish();
                Optional<ActionStep> done = actions.markDone(state.get(ID), said, turn.now());
                if (done.isEmpty()) {
                    return List.of(Message.text("That action was already marked done, so nothing changed."));
                }
                ActionStep a = done.get();
                log.append(new LogEntry(UUID.randomUUID().toString(), a.ectId(), a.schoolId(), "action", a.module(), a.week(),
                        "Done: " + a.text() + "\nOutcome: " + said, turn.now(), true, "action-done:" + a.id()));
                return List.of(Message.builder()
                        .text("Marked done, with the outcome saved in the learning log. Well done!")
                        .buttons(Button.command("My actions", "my actions"))
                        .build());
            }
            default:
                control.finish();
                return List.of(Message.text("I lost my place there, sorry. Say *set action* to start again."));
        }
    }

    @Override
    public List<Message> help(ConversationState state) {
        String step = state.step() == null ? "text" : state.step();
        switch (step) {
            case "criteria":
                return List.of(Message.text("Success criteria say how you'll both know the action worked: what pupils will "
                        + "do, say or produce, or what the mentor will see. Write one or two sentences."));
            case "due":
                return List.of(Message.text("The follow-up date is when the mentor checks in on the action, usually the next "
                        + "meeting. Answer *next meeting*, *in two weeks*, *none* or a date like *10/12*."));
            case "outcome":
                return List.of(Message.text("Say what you did and what happened for pupils. It goes in the learning log."));
            default:
                return List.of(Message.builder()
                        .text("A precise action is one small change to practise before the next meeting. Check that it is:")
                        .bullets(List.of("*observable*: someone watching the lesson would see it",
                                "*practice-able*: within reach this week, not an aspiration",
                                "*bite-sized*: one step, not a term's target",
                                "*says how*: the moment, the words or the routine, not only the what"))
                        .text("Write the action, or say *keep* to keep the last wording as it is.")
                        .build());
        }
    }

    @Override
    public List<Message> prompt(ConversationState state) {
        String step = state.step() == null ? "text" : state.step();
        switch (step) {
            case "criteria":
                return List.of(Message.text("*Success criteria:* how will you both know the action has worked?"));
            case "due":
                return List.of(Message.text("When shall we follow it up? Say *next meeting*, *in two weeks*, *none* or a date."));
            case "outcome":
                return List.of(Message.text("What happened when you tried the action?"));
            default:
                return List.of(Message.text("What is the precise action for the coming week?"));
        }
    }

    private Message gaps(ActionChecker.Result result) {
        return Message.builder()
                .text("Nearly there. This action isn't yet " + String.join(", ",
                        result.gaps().stream().map(g -> g.quality().label()).toList()) + ":")
                .bullets(result.gaps().stream().map(g -> "*" + g.quality().label() + "*: " + g.why() + " " + g.ask()).toList())
                .text("Write it again with that added, or keep it as it is.")
                .buttons(Button.command("Keep it as it is", "keep"))
                .build();
    }

    private Message askDue(Turn turn) {
        LocalDate next = nextMeeting(turn);
        LocalDate today = today(turn);
        return Message.builder()
                .text("When shall we follow it up?")
                .block(new Block.Choice("Follow up", uk.ectmentor.core.chat.Actions.SAY, List.of(
                        new Block.Option("At the next meeting (" + SHOW.format(next) + ")", "next meeting"),
                        new Block.Option("In two weeks (" + SHOW.format(today.plusDays(14)) + ")", "in two weeks"),
                        new Block.Option("No date", "none"))))
                .note("Or type a date, e.g. 10/12.")
                .build();
    }

    /** Empty when unreadable; a present empty date for "none". */
    Optional<Optional<LocalDate>> parseDue(String said, Turn turn) {
        String w = Intents.normalise(said);
        LocalDate today = today(turn);
        if (w.equals("none") || w.equals("no date") || w.equals("skip") || w.equals("no")) {
            return Optional.of(Optional.empty());
        }
        if (w.contains("next meeting") || w.equals("next week") || w.equals("meeting")) {
            return Optional.of(Optional.of(nextMeeting(turn)));
        }
        if (w.contains("two weeks") || w.contains("2 weeks") || w.contains("fortnight")) {
            return Optional.of(Optional.of(today.plusDays(14)));
        }
        if (w.contains("a week") || w.contains("1 week") || w.contains("one week")) {
            return Optional.of(Optional.of(today.plusDays(7)));
        }
        LocalDate date = null;
        String s = said.strip();
        try {
            date = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            String[] parts = s.split("[/.\\-]");
            try {
                if (parts.length == 2 || parts.length == 3) {
                    int day = Integer.parseInt(parts[0].strip());
                    int month = Integer.parseInt(parts[1].strip());
                    int year = parts.length == 3 ? Integer.parseInt(parts[2].strip()) : today.getYear();
                    if (year < 100) {
                        year += 2000;
                    }
                    date = LocalDate.of(year, month, day);
                    if (parts.length == 2 && date.isBefore(today)) {
                        date = date.plusYears(1);
                    }
                }
            } catch (RuntimeException notADate) {
                date = null;
            }
        }
        if (date == null || date.isBefore(today)) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(date));
    }

    private List<Message> save(Turn turn, ConversationState state, LocalDate due) {
        Optional<Pairing> pairing = people.pairingOf(turn.person().id());
        if (pairing.isEmpty()) {
            return notPaired();
        }
        Pairing p = pairing.get();
        ActionStep action = new ActionStep("act-" + UUID.randomUUID().toString().substring(0, 8), p.schoolId(), p.id(),
                p.ectId(), state.get(TEXT), p.module(), p.week(), ActionStep.Status.OPEN, turn.now(), due, null,
                state.get(CRITERIA), null);
        actions.save(action);
        log.append(new LogEntry(UUID.randomUUID().toString(), p.ectId(), p.schoolId(), "action", p.module(), p.week(),
                "Precise action: " + action.text() + "\nSuccess criteria: " + action.successCriteria()
                        + (due == null ? "" : "\nFollow up: " + due), turn.now(), true, "action:" + action.id()));
        String meeting = state.get(FOR_MEETING);
        listeners.forEach(l -> l.saved(meeting, action));
        return List.of(Message.builder()
                .heading("Precise action agreed")
                .text(action.text())
                .note("Success criteria: " + action.successCriteria())
                .note(due == null ? "No follow-up date" : "Follow up on " + SHOW.format(due))
                .text(meeting == null ? "Saved, and it will come up at the next meeting's Review."
                        : "Saved with the meeting record, and shared with the ECT. It will come up at the next meeting's Review.")
                .buttons(Button.command("My actions", "my actions"))
                .build());
    }

    private List<Message> list(Turn turn) {
        Optional<Pairing> pairing = people.pairingOf(turn.person().id());
        String ectId = turn.person().is(Role.ECT) ? turn.person().id() : pairing.map(Pairing::ectId).orElse(null);
        if (ectId == null) {
            return notPaired();
        }
        boolean mine = ectId.equals(turn.person().id());
        if (!AccessPolicy.allows(people, turn.person(), ectId, AccessPolicy.Resource.ACTION, false)) {
            return List.of(Message.text("Precise actions are for the ECT and their own mentor only."));
        }
        String whose = mine ? "Your" : people.person(ectId).map(p -> p.name() + "'s").orElse("Your ECT's");
        List<ActionStep> all = actions.allFor(ectId);
        List<ActionStep> open = all.stream().filter(ActionStep::isOpen).toList();
        List<ActionStep> done = all.stream().filter(a -> !a.isOpen()).toList();
        if (all.isEmpty()) {
            return List.of(Message.builder()
                    .text(whose + " precise actions: none yet. Agree one with *set action*.")
                    .buttons(Button.command("Set an action", "set action"))
                    .build());
        }
        Message.Builder m = Message.builder().heading(whose + " precise actions");
        if (open.isEmpty()) {
            m.text("*Open:* none.");
        } else {
            m.text("*Open:*");
            m.numbered(open.stream().map(a -> a.text() + " (M" + a.module() + " W" + a.week()
                    + (a.dueOn() == null ? "" : ", follow up " + SHOW.format(a.dueOn())) + ")"
                    + (a.successCriteria() == null ? "" : "\n  Success: " + a.successCriteria())).toList());
        }
        if (!done.isEmpty()) {
            m.text("*Done:*");
            m.bullets(done.stream().skip(Math.max(0, done.size() - 5))
                    .map(a -> a.text() + (a.outcome() == null ? "" : " → " + a.outcome())).toList());
        }
        List<Button> buttons = new ArrayList<>();
        for (int i = 0; i < open.size() && i < 5; i++) {
            buttons.add(Button.of("Mark #" + (i + 1) + " done", MARK_DONE, open.get(i).id()));
        }
        m.buttons(buttons);
        return List.of(m.build());
    }

    private List<Message> markDone(Turn turn) {
        Optional<ActionStep> action = actions.byId(turn.actionValue() == null ? "" : turn.actionValue());
        if (action.isEmpty() || !canSee(turn.person(), action.get())) {
            return List.of(Message.text("I can't find that action any more. Say *my actions* to see the list."));
        }
        if (!action.get().isOpen()) {
            return List.of(Message.text("That action is already marked done."));
        }
        ConversationState current = conversations.get(turn.person().id())
                .orElse(ConversationState.empty(turn.person().id(), turn.now()));
        ConversationEngine.start(conversations, current, NAME, "outcome", Map.of(ID, action.get().id()), turn.now());
        return List.of(Message.builder()
                .text("Marking done: _" + action.get().text() + "_")
                .text("What happened when " + (turn.person().id().equals(action.get().ectId()) ? "you" : "they")
                        + " tried it? What difference did it make for pupils?")
                .build());
    }

    private boolean canSee(Person person, ActionStep action) {
        return action.ectId().equals(person.id())
                || (people.pairingsOf(person.id()).stream().anyMatch(p -> p.id().equals(action.pairingId()))
                    && AccessPolicy.allows(people, person, action.ectId(), AccessPolicy.Resource.ACTION, false));
    }


    private LocalDate today(Turn turn) {
        ZoneId zone = people.school(turn.person().schoolId()).map(s -> s.zone()).orElse(ZoneId.of("Europe/London"));
        return turn.now().atZone(zone).toLocalDate();
    }

    private LocalDate nextMeeting(Turn turn) {
        LocalDate today = today(turn);
        DayOfWeek day = people.pairingOf(turn.person().id()).map(Pairing::meetingDay).orElse(null);
        return day == null ? today.plusDays(7) : today.with(TemporalAdjusters.next(day));
    }

    private static List<Message> notPaired() {
        return List.of(Message.text("Precise actions belong to a mentor and ECT pair, and you're not paired yet. "
                + "A mentor can pair with an ECT with *invite*; an induction tutor can pair them with *pair*."));
    }
}
