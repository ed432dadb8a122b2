package uk.ectmentor.core.reflect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * A guided reflection through the six stages of Gibbs' Reflective Cycle, one question at a time; any
 * stage can be skipped. The answers are saved as one private learning log entry at the end.
 *
 * <p>State: step = the stage being asked; data {@code gibbs.<stage>} = answers so far, {@code gibbs.run} =
 * this reflection's id (its source key, so it is stored once), {@code gibbs.at} = the stage, kept so a
 * reflection set aside by {@code cancel} or idle expiry can be carried on later.
 */
public final class GibbsFlow implements Flow {
    public static final String NAME = "gibbs";
    static final String PREFIX = "gibbs.";
    static final String RUN = "gibbs.run";
    static final String AT = "gibbs.at";
    static final String LAST = "gibbs.lastDelivery";

    /** The six stages, in order, with the question asked and the help given. */
    enum Stage {
        DESCRIPTION("Description", "What happened? Describe the lesson or moment you want to think about.",
                "Just the facts: who was there, what you did and what the pupils did."),
        FEELINGS("Feelings", "What were you thinking and feeling at the time?",
                "Be honest: how you felt during it and straight afterwards, and why."),
        EVALUATION("Evaluation", "What went well, and what went less well?",
                "Weigh it up: what worked for pupils' learning and what got in the way."),
        ANALYSIS("Analysis", "Why do you think it went that way?",
                "Look for reasons: what explains the good and the bad? Anything you've read or been shown that helps?"),
        CONCLUSION("Conclusion", "What have you learned from it? What else could you have done?",
                "Sum up what you take from it, including what you might have done differently."),
        ACTION("Action plan", "What will you do next time? Name one thing you'll try.",
                "Make it something you can do soon: what you'll change and when.");

        final String label;
        final String question;
        final String help;

        Stage(String label, String question, String help) {
            this.label = label;
            this.question = question;
            this.help = help;
        }

        String key() {
            return PREFIX + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final PeopleStore people;
    private final LearningLogStore log;
    private final ConversationStore conversations;
    private final ReflectionFlow reflections;

    public GibbsFlow(PeopleStore people, LearningLogStore log, ConversationStore conversations, ReflectionFlow reflections) {
        this.people = people;
        this.log = log;
        this.conversations = conversations;
        this.reflections = reflections;
    }

    public void register(Router router) {
        router.commandWithText("gibbs", this::start, "guided reflection", "reflect guided", "reflective cycle",
                        "gibbs reflective cycle", "gibbs cycle")
              .flow(this)
              .describe("gibbs", "gibbs", "a guided reflection through Gibbs' Reflective Cycle, six short questions");
    }

    @Override
    public String name() {
        return NAME;
    }

    private List<Message> start(Turn turn) {
        ConversationState state = conversations.get(turn.person().id()).orElse(ConversationState.empty(turn.person().id(), turn.now()));
        String args = Words.plain(turn.args());
        String at = state.get(AT);
        boolean unfinished = state.get(RUN) != null && at != null;
        if (unfinished && List.of("carry on", "continue", "resume", "go on").contains(args)) {
            Stage stage = Stage.valueOf(at);
            ConversationEngine.start(conversations, state, NAME, stage.name(), Map.of(LAST, turn.deliveryId() == null ? "" : turn.deliveryId()), turn.now());
            return List.of(Message.text("Carrying on where you stopped."), ask(stage));
        }
        if (unfinished && !List.of("start again", "new", "start afresh", "afresh", "again").contains(args)) {
            long answered = java.util.Arrays.stream(Stage.values()).filter(s -> state.get(s.key()) != null).count();
            return List.of(Message.builder()
                    .text("You have a guided reflection you didn't finish (" + answered + " of 6 stages answered, stopped at "
                            + Stage.valueOf(at).label + "). Carry on with it, or start a new one?")
                    .buttons(Button.primary("Carry on", uk.ectmentor.core.chat.Actions.SAY, "gibbs carry on"),
                            Button.command("Start again", "gibbs start again"))
                    .build());
        }
        Map<String, String> values = new HashMap<>();
        for (Stage s : Stage.values()) {
            values.put(s.key(), null);
        }
        values.put(RUN, UUID.randomUUID().toString());
        values.put(LAST, turn.deliveryId() == null ? "" : turn.deliveryId());
        Stage first = Stage.DESCRIPTION;
        String inline = turn.args().strip();
        boolean describedAlready = !inline.isEmpty() && !List.of("start again", "new", "start afresh", "afresh", "again").contains(args);
        if (describedAlready) {
            values.put(Stage.DESCRIPTION.key(), inline);
            first = Stage.FEELINGS;
        }
        values.put(AT, first.name());
        ConversationEngine.start(conversations, state, NAME, first.name(), values, turn.now());
        return List.of(Message.builder()
                .heading("Guided reflection: Gibbs' Reflective Cycle")
                .text("Six short questions: describe it, your feelings, what went well or not, why, what you learned, and what you'll do next. "
                        + "Say *skip* to leave a stage out, or *cancel* to stop. It's saved as one private entry in your learning log.")
                .build(), ask(first));
    }

    private static Message ask(Stage stage) {
        return Message.builder()
                .heading(stage.label)
                .progress(stage.ordinal() + 1, Stage.values().length, "Stage")
                .text(stage.question)
                .buttons(Button.command("Skip", "skip"))
                .build();
    }

    @Override
    public List<Message> onInput(Turn turn, ConversationState state, FlowControl control) {
        Stage stage;
        try {
            stage = Stage.valueOf(state.step());
        } catch (IllegalArgumentException | NullPointerException e) {
            FlowData.end(conversations, state, PREFIX, Map.of(), turn);
            return List.of(Message.text("I lost my place in that reflection, sorry. Say *gibbs* to start again."));
        }
        if (FlowData.isRetry(turn, state, LAST)) {
            return List.of(ask(stage));
        }
        String answer = turn.text().strip();
        String word = Words.plain(answer);
        boolean skip = Words.near(word, "skip") || word.equals("pass") || word.equals("skip this");
        Map<String, String> values = new HashMap<>();
        values.put(stage.key(), skip ? null : answer);
        values.put(LAST, turn.deliveryId() == null ? "" : turn.deliveryId());
        int nextIndex = stage.ordinal() + 1;
        if (nextIndex < Stage.values().length) {
            Stage next = Stage.values()[nextIndex];
            values.put(AT, next.name());
            control.next(next.name(), values);
            return List.of(ask(next));
        }
        Map<String, String> answers = new HashMap<>(state.data());
        answers.put(stage.key(), skip ? null : answer);
        StringBuilder text = new StringBuilder("Guided reflection (Gibbs' Reflective Cycle)");
        int count = 0;
        for (Stage s : Stage.values()) {
            String a = answers.get(s.key());
            if (a != null && !a.isBlank()) {
                text.append("\n").append(s.label).append(": ").append(a.strip());
                count++;
            }
        }
        if (count == 0) {
            FlowData.end(conversations, state, PREFIX, Map.of(), turn);
            return List.of(Message.text("You skipped every stage, so there's nothing to save. Say *gibbs* whenever you want to try again."));
        }
        LearningLogStore.Appended appended = reflections.store(turn, text.toString(), "gibbs:" + state.get(RUN));
        FlowData.end(conversations, state, PREFIX, FlowData.saved(turn, "Already saved: your guided reflection is in your learning log."), turn);
        return List.of(Message.builder()
                .heading("Your reflection")
                .bullets(java.util.Arrays.stream(Stage.values())
                        .filter(s -> answers.get(s.key()) != null && !answers.get(s.key()).isBlank())
                        .map(s -> "*" + s.label + ":* " + LearningLogFlow.preview(answers.get(s.key())))
                        .toList())
                .build(), reflections.saved(appended));
    }

    @Override
    public List<Message> help(ConversationState state) {
        Stage stage;
        try {
            stage = Stage.valueOf(state.step());
        } catch (IllegalArgumentException | NullPointerException e) {
            stage = Stage.DESCRIPTION;
        }
        return List.of(Message.builder()
                .text("*" + stage.label + "* (stage " + (stage.ordinal() + 1) + " of 6): " + stage.help)
                .text("Answer in your own words, say *skip* to leave this stage out, or *cancel* to stop.")
                .buttons(Button.command("Skip", "skip"))
                .build(), ask(stage));
    }
}
