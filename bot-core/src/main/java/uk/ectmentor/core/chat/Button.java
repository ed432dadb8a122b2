package uk.ectmentor.core.chat;

import java.util.Objects;

/**
 * A button: tapping it sends {@code actionId} with {@code value} back to the core.
 *
 * @param style "primary", "danger" or null for the platform default
 */
public record Button(String label, String actionId, String value, String style) {
    public Button {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(actionId, "actionId");
    }

    public static Button of(String label, String actionId, String value) {
        return new Button(label, actionId, value, null);
    }

    public static Button primary(String label, String actionId, String value) {
        return new Button(label, actionId, value, "primary");
    }

    /** A button that behaves exactly as if the user had typed {@code command}. */
    public static Button command(String label, String command) {
        return new Button(label, Actions.SAY, command, null);
    }
}
