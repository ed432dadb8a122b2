package uk.ectmentor.core.chat;

import java.util.ArrayList;
import java.util.List;

/** One message from the bot: an ordered list of blocks. */
public record Message(List<Block> blocks) {
    public Message {
        blocks = List.copyOf(blocks);
    }

    public static Message of(Block... blocks) {
        return new Message(List.of(blocks));
    }

    public static Message text(String text) {
        return of(new Block.Text(text));
    }

    /** The message as plain text, one block a line: for logs, transcripts and fallbacks. */
    public String plainText() {
        return PlainText.of(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a message block by block. */
    public static final class Builder {
        private final List<Block> blocks = new ArrayList<>();

        public Builder heading(String text) { blocks.add(new Block.Heading(text)); return this; }
        public Builder text(String text) { blocks.add(new Block.Text(text)); return this; }
        public Builder note(String text) { blocks.add(new Block.Note(text)); return this; }
        public Builder bullets(List<String> items) { if (!items.isEmpty()) blocks.add(new Block.Items(items, false)); return this; }
        public Builder numbered(List<String> items) { if (!items.isEmpty()) blocks.add(new Block.Items(items, true)); return this; }
        public Builder buttons(Button... buttons) { blocks.add(new Block.Buttons(List.of(buttons))); return this; }
        public Builder buttons(List<Button> buttons) { if (!buttons.isEmpty()) blocks.add(new Block.Buttons(buttons)); return this; }
        public Builder progress(int current, int total, String label) { blocks.add(new Block.Progress(current, total, label)); return this; }
        public Builder divider() { blocks.add(new Block.Divider()); return this; }
        public Builder block(Block block) { blocks.add(block); return this; }
        public Message build() { return new Message(blocks); }
    }
}
