package uk.ectmentor.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ectmentor.core.chat.Actions;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;

/**
 * The platform-neutral conversation engine: every adapter hands it {@link Inbound}s and renders the
 * {@link Message}s it returns. It finds the person, routes to the flow they are in or to the command they
 * typed, and turns every failure into a friendly reply.
 */
public final class ConversationEngine {
    /** Longest message the bot takes; longer ones are refused politely, never cut. */
    public static final int MAX_TEXT = 8_000;

    /** Words that pick up an unfinished flow. */
    public static final java.util.Set<String> RESUME_WORDS = java.util.Set.of("resume", "continue", "carry on", "pick up");
    static final String ASIDE_FLOW = "aside.flow";
    static final String ASIDE_STEP = "aside.step";

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);

    private final Router router;
    private final PeopleStore people;
    private final ConversationStore conversations;
    private final Clock clock;
    private final Duration flowIdleTimeout;
    private final Handler stranger;
    private final Handler fallback;

    public ConversationEngine(Router router, PeopleStore people, ConversationStore conversations, Clock clock,
                              Duration flowIdleTimeout, Handler stranger, Handler fallback) {
        this.router = router;
        this.people = people;
        this.conversations = conversations;
        this.clock = clock;
        this.flowIdleTimeout = flowIdleTimeout;
        this.stranger = stranger;
        this.fallback = fallback;
    }

    public List<Message> handle(Inbound in) {
        return handleKept(in).orElseGet(() -> List.of(Message.text("Sorry, I can't reach my records just now, so nothing was saved. "
                + "Please send that again in a minute.")));
    }

    /**
     * As {@link #handle}, for a message kept in the store until it is answered (a platform's message, taken in and
     * acknowledged before it is handled): empty when the store cannot be reached. The message then stays kept and
     * recovery answers it once the store is back, so the person is told {@link #keptForLater()}, not that nothing
     * was saved (a message sent again on that advice would be saved twice).
     */
    public Optional<List<Message>> handleKept(Inbound in) {
        try {
            return Optional.of(route(in));
        } catch (StoreUnavailableException e) {
            log.warn("store unavailable while handling a {} message: {}", in.from().platform(), e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("failed to handle a {} message (ref {})", in.from().platform(), ref, e);
            return Optional.of(List.of(Message.text("Sorry, something went wrong on my side (reference " + ref + "). "
                    + "Please try again; if it keeps happening, tell your induction tutor.")));
        }
    }

    /** What a kept message is answered with while the store cannot be reached ({@link #handleKept}). */
    public static Message keptForLater() {
        return Message.text("Sorry, I can't reach my records just now. I've kept your message and will answer it "
                + "within a few minutes, once they're back.");
    }

    private List<Message> route(Inbound in) {
        Instant now = clock.instant();
        String text = in.isAction() && Actions.SAY.equals(in.actionId()) ? in.actionValue() : in.text();
        if (!in.isAction() || Actions.SAY.equals(in.actionId())) {
            if (text == null || text.isBlank()) {
                return List.of(Message.text("I got an empty message. Say *help* to see what I can do."));
            }
            if (text.length() > MAX_TEXT) {
                return List.of(Message.text("That message is " + text.length() + " characters long, and I can take up to "
                        + MAX_TEXT + " at a time. Nothing was saved: please send it in shorter parts."));
            }
        }
        Optional<Person> found = people.personFor(in.from());
        if (found.isEmpty()) {
            return stranger.handle(new Turn(in, null, null, text, now));
        }
        Person person = found.get();

        if (in.isAction() && !Actions.SAY.equals(in.actionId())) {
            Turn turn = new Turn(in, person, null, in.actionValue(), now);
            return router.actionHandler(in.actionId())
                    .map(h -> h.handle(turn))
                    .orElseGet(() -> List.of(Message.builder()
                            .text("That button is from an older message and no longer does anything.")
                            .buttons(Button.command("What can I do?", "help"))
                            .build()));
        }

        Inbound typed = Inbound.text(in.from(), text, in.deliveryId());
        ConversationState state = conversations.get(person.id()).orElse(ConversationState.empty(person.id(), now));
        List<Message> preface = new ArrayList<>();
        if (state.inFlow() && state.updatedAt().plus(flowIdleTimeout).isBefore(now)) {
            preface.add(Message.of(new uk.ectmentor.core.chat.Block.Note(
                    "I set aside what we were doing before, as it had been idle for a while. Say resume to pick it up.")));
            Map<String, String> data = new HashMap<>(state.data());
            data.put(ASIDE_FLOW, state.flow());
            data.put(ASIDE_STEP, state.step());
            state = new ConversationState(person.id(), null, null, data, now);
            conversations.put(state);
        }
        String word = Intents.normalise(text);
        if (RESUME_WORDS.contains(word)) {
            return concat(preface, resume(person, state, now));
        }
        if (state.inFlow()) {
            Optional<Flow> flow = router.flowNamed(state.flow());
            if (flow.isPresent()) {
                return concat(preface, inFlow(flow.get(), new Turn(typed, person, null, text, now), state));
            }
            conversations.put(new ConversationState(person.id(), null, null, state.data(), now));
        }
        Optional<Intents.Match> match = router.understand(text);
        if (match.isPresent()) {
            Handler handler = router.commandHandler(match.get().command()).orElseThrow();
            return concat(preface, handler.handle(new Turn(typed, person, match.get().command(), match.get().args(), now)));
        }
        return concat(preface, fallback.handle(new Turn(typed, person, null, text, now)));
    }

    /** Picks up the flow the person is in, or the one set aside when it went idle. */
    private List<Message> resume(Person person, ConversationState state, Instant now) {
        String flowName = state.inFlow() ? state.flow() : state.get(ASIDE_FLOW);
        Optional<Flow> flow = flowName == null ? Optional.empty() : router.flowNamed(flowName);
        if (flow.isEmpty()) {
            return List.of(Message.builder()
                    .text("There's nothing unfinished to pick up. Say *help* to see what I can do.")
                    .buttons(Button.command("What can I do?", "help"))
                    .build());
        }
        ConversationState resumed = state;
        if (!state.inFlow()) {
            Map<String, String> data = new HashMap<>(state.data());
            String step = data.remove(ASIDE_STEP);
            data.remove(ASIDE_FLOW);
            resumed = new ConversationState(person.id(), flowName, step, data, now);
            conversations.put(resumed);
        }
        return concat(List.of(Message.text("Picking up where we left off.")), flow.get().prompt(resumed));
    }

    private List<Message> inFlow(Flow flow, Turn turn, ConversationState state) {
        String word = Intents.normalise(turn.text());
        if (word.equals("cancel") || word.equals("stop") || word.equals("quit")) {
            conversations.put(new ConversationState(state.personId(), null, null, state.data(), turn.now()));
            return List.of(Message.text("OK, I've stopped that. Nothing more will be asked. Say *help* to see what I can do."));
        }
        if (word.equals("help") || word.equals("?")) {
            return concat(flow.help(state), List.of(Message.of(new uk.ectmentor.core.chat.Block.Note(
                    "Say cancel to stop this; what you've already saved is kept."))));
        }
        Control control = new Control(state, turn.now());
        List<Message> replies = flow.onInput(turn, state, control);
        if (control.result != null) {
            conversations.put(control.result);
        }
        return replies;
    }

    /** Starts {@code flow} at {@code step} for the person; the flow's next input arrives via onInput. */
    public static ConversationState start(ConversationStore store, ConversationState current, String flow, String step,
                                          Map<String, String> values, Instant now) {
        Map<String, String> data = new HashMap<>(current.data());
        values.forEach((k, v) -> {
            if (v == null) data.remove(k); else data.put(k, v);
        });
        ConversationState next = new ConversationState(current.personId(), flow, step, data, now);
        store.put(next);
        return next;
    }

    private static List<Message> concat(List<Message> first, List<Message> second) {
        if (first.isEmpty()) {
            return second;
        }
        List<Message> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static final class Control implements FlowControl {
        private final ConversationState state;
        private final Instant now;
        private ConversationState result;

        Control(ConversationState state, Instant now) {
            this.state = state;
            this.now = now;
        }

        @Override
        public void next(String step, Map<String, String> values) {
            Map<String, String> data = new HashMap<>(result == null ? state.data() : result.data());
            values.forEach((k, v) -> {
                if (v == null) data.remove(k); else data.put(k, v);
            });
            result = new ConversationState(state.personId(), state.flow(), step, data, now);
        }

        @Override
        public void finish() {
            result = new ConversationState(state.personId(), null, null, state.data(), now);
        }
    }
}
