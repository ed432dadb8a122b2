package uk.ectmentor.core.testing;

import java.util.List;

/**
 * One message from the bot as a transcript sees it: its text (formatting stripped to plain words) and the
 * buttons it offers.
 */
public record Reply(String text, List<Clickable> clickables) {
    public Reply {
        clickables = List.copyOf(clickables);
    }

    /** Something the user can press: a button, a choice option or a form's submit. */
    public record Clickable(String label, String actionId, String value) {
    }
}
