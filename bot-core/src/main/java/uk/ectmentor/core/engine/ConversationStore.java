package uk.ectmentor.core.engine;

import java.util.Optional;

/** Conversation state, one document per person. */
public interface ConversationStore {
    Optional<ConversationState> get(String personId);

    void put(ConversationState state);
}
