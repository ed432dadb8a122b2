package uk.ectmentor.core.meeting;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.actions.ActionStore;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.engine.Flow;
import uk.ectmentor.core.engine.FlowControl;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;

/**
 * The ECT's side of Review, done before the meeting: three questions about last week's action (what they did;
 * its impact on pupils and how they know; what next). The mentor sees the answers at Review.
 *
 * <p>Steps: {@code did} → {@code impact} → {@code next}.
 */
public final class PreMeetingReviewFlow implements Flow {
    public static final String NAME = "prepare";
    static final String DID = "prep.did";
    static final String IMPACT = "prep.impact";

    private final PeopleStore people;
    private final ActionStore actions;
    private final MeetingStore meetings;
    private final ConversationStore conversations;

    public PreMeetingReviewFlow(PeopleStore people, ActionStore actions, MeetingStore meetings, ConversationStore conversations) {
        this.people = people;
        this.actions = actions;
        this.meetings = meetings;
        this.conversations = conversations;
    }

    public void register(Router router) {
        router.command("prepare", this::start, "pre meeting review", "prepare for meeting", "prepare for my meeting",
                        "get ready for meeting", "my review")
              .flow(this)
              .describe("prepare", "prepare", "ECTs: answer the Review questions about last week's action before the meeting");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Starts the review for an ECT; public so that an ECT's "review" can lead here. */
    public List<Message> start(Turn turn) {
        Person person = turn.person();
        if (!person.is(Role.ECT)) {
            return List.of(Message.text("The pre-meeting review is for ECTs: they answer three questions about last week's "
                    + "action, and you'll see the answers at Review when you run the *meeting*."));
        }
        Optional<Pairing> pairing = people.pairingOf(person.id());
        if (pairing.isEmpty()) {
            return List.of(Message.text("You're not paired with a mentor yet. When you are, you can prepare for each meeting here."));
        }
        ConversationState current = conversations.get(person.id()).orElse(ConversationState.empty(person.id(), turn.now()));
        ConversationEngine.start(conversations, current, NAME, "did", Map.of(), turn.now());
        Optional<ActionStep> action = lastAction(person);
        return List.of(Message.builder()
                .heading("Before your meeting: Review")
                .text(action.map(a -> "Last week's action: _" + a.text() + "_")
                        .orElse("You have no open action, so answer about whatever you last tried in your teaching."))
                .progress(1, 3, "Question")
                .text("*What did you actually do?*")
                .build());
    }

    @Override
    public List<Message> onInput(Turn turn, ConversationState state, FlowControl control) {
        String said = turn.text().strip();
        if (said.length() < 2) {
            return List.of(Message.text("Please answer in a few words, or say *cancel* to stop."));
        }
        String step = state.step() == null ? "did" : state.step();
        if (step.equals("did")) {
            control.next("impact", Map.of(DID, said));
            return List.of(Message.builder().progress(2, 3, "Question")
                    .text("*What difference did it make to pupils' learning, and how do you know?*").build());
        }
        if (step.equals("impact")) {
            control.next("next", Map.of(IMPACT, said));
            return List.of(Message.builder().progress(3, 3, "Question")
                    .text("*What will you do next to build on it?*").build());
        }
        Optional<Pairing> pairing = people.pairingOf(turn.person().id());
        control.finish();
        if (pairing.isEmpty()) {
            return List.of(Message.text("You're no longer paired, so there's no meeting to save this for."));
        }
        Pairing p = pairing.get();
        Optional<ActionStep> action = lastAction(turn.person());
        meetings.saveReview(new PreMeetingReview(p.id(), turn.person().id(), p.module(), p.week(),
                action.map(ActionStep::id).orElse(null), action.map(ActionStep::text).orElse(null),
                state.get(DID), state.get(IMPACT), said, turn.now()));
        String mentor = people.person(p.mentorId()).map(Person::name).orElse("Your mentor");
        return List.of(Message.text("Thanks! " + mentor + " will see your answers at Review in your meeting "
                + "(module " + p.module() + ", week " + p.week() + "). Say *prepare* again to change them."));
    }

    @Override
    public List<Message> help(ConversationState state) {
        return List.of(Message.text("Before each meeting you answer three short questions about last week's action, so "
                + "Review can go straight to what matters. Answer in a sentence or two; there are no wrong answers."));
    }

    @Override
    public List<Message> prompt(ConversationState state) {
        String step = state.step() == null ? "did" : state.step();
        String q = step.equals("did") ? "What did you actually do?" : step.equals("impact")
                ? "What difference did it make to pupils' learning, and how do you know?" : "What will you do next to build on it?";
        return List.of(Message.text("*" + q + "*"));
    }

    private Optional<ActionStep> lastAction(Person ect) {
        List<ActionStep> open = actions.openFor(ect.id());
        return open.isEmpty() ? Optional.empty() : Optional.of(open.get(open.size() - 1));
    }

}
