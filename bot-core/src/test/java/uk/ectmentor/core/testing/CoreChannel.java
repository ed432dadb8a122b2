package uk.ectmentor.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.engine.ConversationEngine;

/** Talks to the engine directly, as the web chat's users. */
public final class CoreChannel implements ChatChannel {
    private final ConversationEngine engine;
    private final AtomicLong ids = new AtomicLong();
    private final Runnable beforeEachTurn;

    /** @param beforeEachTurn runs before every turn, e.g. to let a minute pass on the test clock */
    private final java.util.function.Consumer<java.time.Duration> clock;

    public CoreChannel(ConversationEngine engine, Runnable beforeEachTurn) {
        this(engine, beforeEachTurn, null);
    }

    /** @param clock moves the test clock for a transcript's {@code clock: +13h} line */
    public CoreChannel(ConversationEngine engine, Runnable beforeEachTurn, java.util.function.Consumer<java.time.Duration> clock) {
        this.engine = engine;
        this.beforeEachTurn = beforeEachTurn;
        this.clock = clock;
    }

    @Override
    public void advanceClock(java.time.Duration by) {
        if (clock == null) {
            ChatChannel.super.advanceClock(by);
        } else {
            clock.accept(by);
        }
    }

    private String nextId() {
        beforeEachTurn.run();
        return "t" + ids.incrementAndGet();
    }

    @Override
    public List<Reply> say(String user, String text) {
        return replies(engine.handle(Inbound.text(UserRef.web(user), text, nextId())));
    }

    @Override
    public List<Reply> press(String user, Reply.Clickable c) {
        return replies(engine.handle(Inbound.action(UserRef.web(user), c.actionId(), c.value(), nextId())));
    }

    @Override
    public List<Reply> submit(String user, Reply.Clickable c, Map<String, String> fields) {
        return replies(engine.handle(Inbound.form(UserRef.web(user), c.actionId(), c.value(), fields, nextId())));
    }

    /** The neutral messages as a transcript sees them. */
    public static List<Reply> replies(List<Message> messages) {
        List<Reply> out = new ArrayList<>();
        for (Message m : messages) {
            List<Reply.Clickable> clickables = new ArrayList<>();
            for (Block b : m.blocks()) {
                if (b instanceof Block.Buttons buttons) {
                    for (Button button : buttons.buttons()) {
                        clickables.add(new Reply.Clickable(button.label(), button.actionId(), button.value()));
                    }
                } else if (b instanceof Block.Choice choice) {
                    choice.options().forEach(o -> clickables.add(new Reply.Clickable(o.label(), choice.actionId(), o.value())));
                } else if (b instanceof Block.Form form) {
                    clickables.add(new Reply.Clickable(form.submit().label(), form.submit().actionId(), form.submit().value()));
                }
            }
            out.add(new Reply(m.plainText(), clickables));
        }
        return out;
    }
}
