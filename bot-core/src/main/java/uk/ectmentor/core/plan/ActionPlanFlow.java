package uk.ectmentor.core.plan;

import uk.ectmentor.core.trust.AccessPolicy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.engine.Flow;
import uk.ectmentor.core.engine.FlowControl;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.reflect.FlowData;
import uk.ectmentor.core.reflect.LearningLogStore;
import uk.ectmentor.core.reflect.Words;

/**
 * The Year 2 action plan (Module 5 week 7): the ECT writes targets one at a time; each is checked
 * against the SMART letters ({@link SmartCheck}) and the bot asks once for each letter that is missing
 * (skippable); then a review date, which is stored on the plan for the scheduler to remind.
 *
 * <p>State: step {@code target} (a new target or "done"), {@code letter} (an answer for {@code y2plan.letter}),
 * {@code review} (the date). Data {@code y2plan.n}, {@code y2plan.t<i>}, {@code y2plan.u<i>} (targets so far and
 * letters left unanswered), {@code y2plan.cur}, {@code y2plan.asked}, {@code y2plan.skipped} (the target being
 * worked on), {@code y2plan.run} (source key of the log entry).
 */
public final class ActionPlanFlow implements Flow {
    public static final String NAME = "year2.plan";
    static final String PREFIX = "y2plan.";
    static final int MAX_TARGETS = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.UK);
    private static final List<String> DONE = List.of("done", "finished", "that's all", "thats all", "no", "no more", "none", "that is all");

    private final PeopleStore people;
    private final PlanStore plans;
    private final LearningLogStore log;
    private final ConversationStore conversations;

    public ActionPlanFlow(PeopleStore people, PlanStore plans, LearningLogStore log, ConversationStore conversations) {
        this.people = people;
        this.plans = plans;
        this.log = log;
        this.conversations = conversations;
    }

    public void register(Router router) {
        router.commandWithText("action plan", this::start, "year 2 plan", "year two plan", "smart targets", "smart target",
                        "new action plan")
              .commandWithText("my plan", this::show, "my action plan", "show plan", "show my plan",
                      "plan review", "review my plan", "review plan")
              .flow(this)
              .describe("action plan", "action plan (mentors: action plan sam)", "your Year 2 action plan: SMART targets and a review date (Module 5 week 7)");
    }

    @Override
    public String name() {
        return NAME;
    }

    private List<Message> show(Turn turn) {
        Person me = turn.person();
        if (me.is(Role.MENTOR)) {
            return mentorView(me, turn.args());
        }
        return plans.forPerson(me.id()).map(p -> List.of(render(p, "Your Year 2 action plan", true)))
                .orElse(List.of(Message.builder().text("You haven't made a Year 2 action plan yet.")
                        .buttons(Button.command("Make my action plan", "action plan")).build()));
    }

    private List<Message> start(Turn turn) {
        Person me = turn.person();
        if (me.is(Role.MENTOR)) {
            return mentorView(me, turn.args());
        }
        ConversationState state = conversations.get(me.id()).orElse(ConversationState.empty(me.id(), turn.now()));
        String args = Words.plain(turn.args());
        int made = Integer.parseInt(state.data().getOrDefault(PREFIX + "n", "0"));
        boolean unfinished = state.get(PREFIX + "run") != null && (made > 0 || state.get(PREFIX + "cur") != null);
        if (unfinished && List.of("carry on", "continue", "resume", "go on").contains(args)) {
            return resume(turn, state, made);
        }
        if (unfinished && !List.of("start again", "new", "afresh").contains(args)) {
            return List.of(Message.builder()
                    .text("You have an action plan you didn't finish (" + made + (made == 1 ? " target" : " targets")
                            + " so far). Carry on, or start again?")
                    .buttons(Button.primary("Carry on", uk.ectmentor.core.chat.Actions.SAY, "action plan carry on"),
                            Button.command("Start again", "action plan start again"))
                    .build());
        }
        Map<String, String> values = new HashMap<>();
        state.data().keySet().stream().filter(k -> k.startsWith(PREFIX)).forEach(k -> values.put(k, null));
        values.put(PREFIX + "n", "0");
        values.put(PREFIX + "run", UUID.randomUUID().toString());
        values.put(PREFIX + "last", turn.deliveryId() == null ? "" : turn.deliveryId());
        ConversationEngine.start(conversations, state, NAME, "target", values, turn.now());
        Optional<ActionPlan> earlier = plans.forPerson(me.id());
        return List.of(Message.builder()
                .heading("Your Year 2 action plan")
                .text("Let's set up to " + MAX_TARGETS + " targets for your second year. Write one target at a time; I'll check it is "
                        + "SMART (specific, measurable, achievable, relevant, time-bound) and ask for anything missing. Then we'll pick a date to review your progress.")
                .note(earlier.map(p -> "This will replace the plan you made on " + DAY.format(p.createdAt().atZone(zone(me))) + ". ").orElse("")
                        + "Say cancel to stop.")
                .text("*Target 1:* what do you want to get better at?")
                .build());
    }

    private List<Message> resume(Turn turn, ConversationState state, int made) {
        String step = state.get(PREFIX + "letter") != null && state.get(PREFIX + "cur") != null ? "letter"
                : "review".equals(state.get(PREFIX + "at")) ? "review" : "target";
        ConversationEngine.start(conversations, state, NAME, step,
                Map.of(PREFIX + "last", turn.deliveryId() == null ? "" : turn.deliveryId()), turn.now());
        List<Message> out = new ArrayList<>();
        out.add(Message.text("Carrying on where you stopped (" + made + (made == 1 ? " target" : " targets") + " so far)."));
        if (step.equals("letter")) {
            SmartCheck.Letter letter = java.util.Arrays.stream(SmartCheck.Letter.values())
                    .filter(l -> l.initial.equals(state.get(PREFIX + "letter"))).findFirst().orElse(SmartCheck.Letter.SPECIFIC);
            out.add(Message.builder()
                    .text("Your target so far: _" + state.get(PREFIX + "cur") + "_")
                    .text("It isn't *" + letter.word + "* yet. " + letter.question)
                    .buttons(Button.command("Skip", "skip"))
                    .build());
        } else if (step.equals("review")) {
            out.add(askDate());
        } else {
            out.add(Message.builder().text("Write target " + (made + 1) + ", or say *done* to choose your review date.")
                    .buttons(Button.command("Done", "done")).build());
        }
        return out;
    }

    @Override
    public List<Message> onInput(Turn turn, ConversationState state, FlowControl control) {
        if (FlowData.isRetry(turn, state, PREFIX + "last")) {
            return help(state);
        }
        String answer = turn.text().strip();
        String word = Words.plain(answer);
        Map<String, String> values = new HashMap<>();
        values.put(PREFIX + "last", turn.deliveryId() == null ? "" : turn.deliveryId());
        int n = Integer.parseInt(state.data().getOrDefault(PREFIX + "n", "0"));
        switch (state.step() == null ? "" : state.step()) {
            case "target" -> {
                if (DONE.contains(word) || Words.near(word, "done")) {
                    if (n == 0) {
                        return List.of(Message.text("Add at least one target first: what do you want to get better at in Year 2?"));
                    }
                    values.put(PREFIX + "at", "review");
                    control.next("review", values);
                    return List.of(askDate());
                }
                return evaluate(control, values, n, answer, "", "");
            }
            case "letter" -> {
                String letter = state.get(PREFIX + "letter");
                String cur = state.get(PREFIX + "cur");
                String asked = state.data().getOrDefault(PREFIX + "asked", "") + letter;
                String skipped = state.data().getOrDefault(PREFIX + "skipped", "");
                if (Words.near(word, "skip") || word.equals("leave it") || word.equals("pass")) {
                    skipped += letter;
                } else {
                    cur = cur.strip() + (cur.strip().matches(".*[.!?]$") ? " " : "; ") + answer;
                }
                return evaluate(control, values, n, cur, asked, skipped);
            }
            case "review" -> {
                LocalDate today = turn.now().atZone(zone(turn.person())).toLocalDate();
                Optional<LocalDate> date = ReviewDate.parse(answer, today);
                if (date.isEmpty()) {
                    control.next("review", values);
                    return List.of(Message.text("I couldn't read that as a date. Try *15 January*, *15/1/2027*, *2027-01-15* or *in 6 weeks*."));
                }
                if (!date.get().isAfter(today)) {
                    control.next("review", values);
                    return List.of(Message.text("The review date needs to be in the future: " + DAY.format(date.get()) + " has already come. Which date?"));
                }
                if (date.get().isAfter(today.plusMonths(18))) {
                    control.next("review", values);
                    return List.of(Message.text(DAY.format(date.get()) + " is more than 18 months away, beyond the end of induction. Pick a date within Year 2."));
                }
                return save(turn, state, n, date.get());
            }
            default -> {
                FlowData.end(conversations, state, PREFIX, Map.of(), turn);
                return List.of(Message.text("I lost my place in your action plan, sorry. Say *action plan* to start again."));
            }
        }
    }

    private List<Message> evaluate(FlowControl control, Map<String, String> values, int n, String cur, String asked, String skipped) {
        Map<SmartCheck.Letter, SmartCheck.Result> results = SmartCheck.check(cur);
        SmartCheck.Letter next = null;
        for (SmartCheck.Result r : results.values()) {
            if (!r.met() && asked.indexOf(r.letter().initial.charAt(0)) < 0) {
                next = r.letter();
                break;
            }
        }
        Message checks = Message.builder()
                .text("*SMART check* for: _" + cur + "_")
                .bullets(results.values().stream().map(r -> (r.met() ? "✓ " : "✗ ") + capital(r.letter().word) + ": " + r.why()).toList())
                .build();
        if (next != null) {
            values.put(PREFIX + "cur", cur);
            values.put(PREFIX + "asked", asked);
            values.put(PREFIX + "skipped", skipped);
            values.put(PREFIX + "letter", next.initial);
            control.next("letter", values);
            return List.of(checks, Message.builder()
                    .text("It isn't *" + next.word + "* yet. " + next.question)
                    .note("Your answer is added to the target. Say skip to leave it as it is.")
                    .buttons(Button.command("Skip", "skip"))
                    .build());
        }
        StringBuilder unanswered = new StringBuilder();
        for (SmartCheck.Result r : results.values()) {
            if (!r.met()) {
                unanswered.append(r.letter().initial);
            }
        }
        values.put(PREFIX + "t" + n, cur);
        values.put(PREFIX + "u" + n, unanswered.toString());
        values.put(PREFIX + "n", String.valueOf(n + 1));
        values.put(PREFIX + "cur", null);
        values.put(PREFIX + "asked", null);
        values.put(PREFIX + "skipped", null);
        values.put(PREFIX + "letter", null);
        String verdict = unanswered.length() == 0 ? "it's SMART." : "left as it is for " + letters(unanswered.toString()) + ".";
        if (n + 1 >= MAX_TARGETS) {
            values.put(PREFIX + "at", "review");
            control.next("review", values);
            return List.of(checks, Message.text("Target " + (n + 1) + " saved: " + verdict + " That's " + MAX_TARGETS + " targets, plenty for a year."), askDate());
        }
        control.next("target", values);
        return List.of(checks, Message.builder()
                .text("Target " + (n + 1) + " saved: " + verdict + " Write target " + (n + 2) + ", or say *done* to choose your review date.")
                .buttons(Button.command("Done", "done"))
                .build());
    }

    private static Message askDate() {
        return Message.text("When will you review your progress against these targets? Put it in your diary too. "
                + "Give a date, e.g. *15 January*, *15/1/2027* or *in 6 weeks*.");
    }

    private List<Message> save(Turn turn, ConversationState state, int n, LocalDate reviewOn) {
        List<ActionPlan.Target> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            targets.add(new ActionPlan.Target(state.get(PREFIX + "t" + i), state.data().getOrDefault(PREFIX + "u" + i, "")));
        }
        Person me = turn.person();
        ActionPlan plan = new ActionPlan(me.id(), me.schoolId(), targets, reviewOn, turn.now());
        plans.save(plan);
        StringBuilder text = new StringBuilder("Year 2 action plan (review on " + reviewOn + ")");
        for (int i = 0; i < targets.size(); i++) {
            text.append("\nTarget ").append(i + 1).append(": ").append(targets.get(i).text());
        }
        FlowData.append(people, log, turn, "action", text.toString(), "plan:" + state.get(PREFIX + "run"), true);
        FlowData.end(conversations, state, PREFIX, FlowData.saved(turn, "Already saved: your Year 2 action plan is in your learning log."), turn);
        return List.of(render(plan, "Your Year 2 action plan is saved", false),
                Message.text("I'll remind you to review it on " + DAY.format(reviewOn) + ". Your mentor can see it too. Say *my plan* to look at it again."));
    }

    private Message render(ActionPlan plan, String title, boolean withButton) {
        Message.Builder m = Message.builder()
                .heading(title)
                .numbered(plan.targets().stream().map(t -> t.text()
                        + (t.unanswered() == null || t.unanswered().isEmpty() ? "" : " (not yet " + letters(t.unanswered()) + ")")).toList())
                .note("Review date: " + DAY.format(plan.reviewOn()));
        if (withButton) {
            m.buttons(Button.command("Make a new plan", "new action plan"));
        }
        return m.build();
    }

    private List<Message> mentorView(Person mentor, String args) {
        List<Person> mentees = FlowData.mentees(people, mentor);
        Optional<Person> ect = args.isBlank()
                ? (mentees.size() == 1 ? Optional.of(mentees.get(0)) : Optional.empty())
                : FlowData.mentee(people, mentor, args);
        if (ect.isEmpty()) {
            return List.of(Message.text(mentees.isEmpty() ? "You're not mentoring anyone yet, so there's no action plan to see."
                    : args.isBlank() ? "Whose plan? Say *action plan* and their name."
                    : "You don't mentor anyone called \"" + args.strip() + "\", so I can't show their plan."));
        }
        if (!AccessPolicy.allows(people, mentor, ect.get().id(), AccessPolicy.Resource.ACTION_PLAN, false)) {
            return List.of(Message.text("You don't mentor anyone called \"" + args.strip() + "\", so I can't show their plan."));
        }
        return plans.forPerson(ect.get().id()).map(p -> List.of(render(p, ect.get().name() + "'s Year 2 action plan", false)))
                .orElse(List.of(Message.text(ect.get().name() + " hasn't made a Year 2 action plan yet. They can start one by saying *action plan*.")));
    }

    @Override
    public List<Message> help(ConversationState state) {
        String step = state.step() == null ? "" : state.step();
        if (step.equals("letter")) {
            SmartCheck.Letter letter = java.util.Arrays.stream(SmartCheck.Letter.values())
                    .filter(l -> l.initial.equals(state.get(PREFIX + "letter"))).findFirst().orElse(SmartCheck.Letter.SPECIFIC);
            return List.of(Message.builder()
                    .text("I'm checking your target is *" + letter.word + "*. " + letter.question)
                    .text("Whatever you write is added to the target. Say *skip* to leave it, or *cancel* to stop the plan.")
                    .buttons(Button.command("Skip", "skip"))
                    .build());
        }
        if (step.equals("review")) {
            return List.of(Message.text("I need the date you'll review your progress, e.g. *15 January*, *15/1/2027* or *in 6 weeks*. "
                    + "I'll remind you on the day. Say *cancel* to stop without saving."));
        }
        return List.of(Message.text("Write a target for Year 2 in a sentence or two: what you'll do, how you'll know, what will help, "
                + "why it matters and by when. Say *done* when you have them all, or *cancel* to stop without saving."));
    }

    private static String letters(String initials) {
        List<String> words = new ArrayList<>();
        for (char c : initials.toCharArray()) {
            for (SmartCheck.Letter l : SmartCheck.Letter.values()) {
                if (l.initial.charAt(0) == c) {
                    words.add(l.word);
                }
            }
        }
        return String.join(", ", words);
    }

    private static String capital(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private ZoneId zone(Person person) {
        return people.school(person.schoolId()).map(s -> s.zone()).orElse(ZoneId.of("Europe/London"));
    }
}
