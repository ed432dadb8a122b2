package uk.ectmentor.core.engine;

import java.util.List;

import uk.ectmentor.core.chat.Message;

/**
 * A conversation of several steps (onboarding, a guided reflection, an audit...). While a person is in
 * a flow, what they type goes to the flow, except the words every flow understands: {@code cancel}
 * and {@code help}.
 */
public interface Flow {
    /** The name stored in the person's conversation state. */
    String name();

    /** Handles the person's next input at the step recorded in their state. */
    List<Message> onInput(Turn turn, ConversationState state, FlowControl control);

    /** Explains the current step, for {@code help} inside the flow. */
    List<Message> help(ConversationState state);

    /** Asks the current step's question again, when the person comes back to a flow they left. */
    default List<Message> prompt(ConversationState state) {
        return help(state);
    }
}
