package uk.ectmentor.core.chat;

import java.util.Map;
import java.util.Objects;

/**
 * One thing a person did in a chat, translated by an adapter into the core's terms: either typed
 * text, or an action (a button tap, a choice or a submitted form) with its value.
 *
 * <p>{@code deliveryId} identifies this delivery on the platform (Slack's event id, Teams' activity id,
 * the web chat's client message id). A platform retry carries the same id, which is how the core
 * makes sure a retried message is handled once.
 *
 * @param form field values of a submitted form (empty for text and plain buttons)
 */
public record Inbound(UserRef from, String text, String actionId, String actionValue,
                      Map<String, String> form, String deliveryId) {

    public Inbound {
        Objects.requireNonNull(from, "from");
        form = form == null ? Map.of() : Map.copyOf(form);
    }

    public static Inbound text(UserRef from, String text, String deliveryId) {
        return new Inbound(from, text, null, null, Map.of(), deliveryId);
    }

    public static Inbound action(UserRef from, String actionId, String value, String deliveryId) {
        return new Inbound(from, null, actionId, value, Map.of(), deliveryId);
    }

    public static Inbound form(UserRef from, String actionId, String value, Map<String, String> form, String deliveryId) {
        return new Inbound(from, null, actionId, value, form, deliveryId);
    }

    public boolean isAction() {
        return actionId != null;
    }
}
