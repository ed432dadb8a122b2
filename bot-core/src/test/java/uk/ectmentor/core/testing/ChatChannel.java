package uk.ectmentor.core.testing;

import java.util.List;

/**
 * A way of talking to the bot in a transcript test: straight to the core, through the web chat's HTTP
 * API, or through a platform adapter. Each channel turns what the bot sent back into {@link Reply}s.
 */
public interface ChatChannel {
    /** Sends typed text as {@code user}. */
    List<Reply> say(String user, String text);

    /** Presses a button (or picks a choice) that an earlier reply offered {@code user}. */
    List<Reply> press(String user, Reply.Clickable clickable);

    /** Moves the bot's clock on, for a transcript's {@code clock: +13h} line. */
    default void advanceClock(java.time.Duration by) {
        throw new UnsupportedOperationException("this channel cannot move the clock");
    }

    /** Submits a form that an earlier reply offered, with these field values. */
    default List<Reply> submit(String user, Reply.Clickable submit, java.util.Map<String, String> fields) {
        throw new UnsupportedOperationException("this channel cannot submit forms");
    }
}
