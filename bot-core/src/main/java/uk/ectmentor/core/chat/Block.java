package uk.ectmentor.core.chat;

import java.util.List;
import java.util.Objects;

/**
 * The pieces a reply is made of. Adapters render each kind to their platform
 * (Block Kit, Adaptive Cards, the web chat's HTML); the core never produces platform markup.
 * Text uses a small, portable emphasis syntax: {@code *bold*} and {@code _italic_} only.
 */
public sealed interface Block {

    /** A short title line. */
    record Heading(String text) implements Block {
        public Heading { Objects.requireNonNull(text); }
    }

    /** A paragraph. */
    record Text(String text) implements Block {
        public Text { Objects.requireNonNull(text); }
    }

    /** A small, secondary line (minutes, dates, hints). */
    record Note(String text) implements Block {
        public Note { Objects.requireNonNull(text); }
    }

    /** A bulleted or numbered list. */
    record Items(List<String> items, boolean numbered) implements Block {
        public Items { items = List.copyOf(items); }
    }

    /** A row of buttons. */
    record Buttons(List<Button> buttons) implements Block {
        public Buttons { buttons = List.copyOf(buttons); }
    }

    /** Pick one of several options; choosing sends {@code actionId} with the option's value. */
    record Choice(String label, String actionId, List<Option> options) implements Block {
        public Choice { options = List.copyOf(options); }
    }

    /** A short form: fields filled in, then submitted with {@code submit}. */
    record Form(String title, List<Field> fields, Button submit) implements Block {
        public Form { fields = List.copyOf(fields); }
    }

    /** How far through something the user is, e.g. section 2 of 4. */
    record Progress(int current, int total, String label) implements Block {
    }

    /** A horizontal rule between parts of a reply. */
    record Divider() implements Block {
    }

    record Option(String label, String value) {
    }

    /**
     * @param multiline a longer free-text answer
     * @param options when non-empty, a choice between these values
     */
    record Field(String name, String label, boolean required, boolean multiline, List<Option> options, String initialValue) {
        public Field { options = options == null ? List.of() : List.copyOf(options); }

        public static Field text(String name, String label, boolean required) {
            return new Field(name, label, required, false, List.of(), null);
        }

        public static Field longText(String name, String label, boolean required) {
            return new Field(name, label, required, true, List.of(), null);
        }

        public static Field choice(String name, String label, boolean required, List<Option> options) {
            return new Field(name, label, required, false, options, null);
        }
    }
}
