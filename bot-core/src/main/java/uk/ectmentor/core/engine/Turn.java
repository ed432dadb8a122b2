package uk.ectmentor.core.engine;

import java.time.Instant;

import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.people.Person;

/**
 * One turn: what came in, who sent it, which command it was understood as, and the rest of the
 * words after the command.
 *
 * @param person  the sender, or null when the sender is not known to the bot yet
 * @param command the command name, or null for an action or unrecognised text
 * @param args    the words after the command (or the action's value for an action)
 */
public record Turn(Inbound inbound, Person person, String command, String args, Instant now) {
    public String text() {
        return inbound.text() == null ? "" : inbound.text();
    }

    public String actionValue() {
        return inbound.actionValue();
    }

    public String deliveryId() {
        return inbound.deliveryId();
    }
}
