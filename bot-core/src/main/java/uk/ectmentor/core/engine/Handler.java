package uk.ectmentor.core.engine;

import java.util.List;

import uk.ectmentor.core.chat.Message;

/** Answers one turn of a conversation. */
@FunctionalInterface
public interface Handler {
    List<Message> handle(Turn turn);
}
