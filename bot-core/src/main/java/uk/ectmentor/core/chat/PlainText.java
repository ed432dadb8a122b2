package uk.ectmentor.core.chat;

import java.util.StringJoiner;
import java.util.stream.Collectors;

/** Renders messages as plain text: the form transcripts compare against. */
final class PlainText {
    private PlainText() {
    }

    static String of(Message message) {
        StringJoiner out = new StringJoiner("\n");
        for (Block block : message.blocks()) {
            String line = of(block);
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out.toString();
    }

    static String of(Block block) {
        if (block instanceof Block.Heading h) {
            return "# " + h.text();
        } else if (block instanceof Block.Text t) {
            return t.text();
        } else if (block instanceof Block.Note n) {
            return "(" + n.text() + ")";
        } else if (block instanceof Block.Items items) {
            StringJoiner list = new StringJoiner("\n");
            int i = 1;
            for (String item : items.items()) {
                list.add((items.numbered() ? (i++) + ". " : "- ") + item);
            }
            return list.toString();
        } else if (block instanceof Block.Buttons b) {
            return b.buttons().stream().map(x -> "[" + x.label() + "]").collect(Collectors.joining(" "));
        } else if (block instanceof Block.Choice c) {
            return c.label() + " " + c.options().stream().map(o -> "<" + o.label() + ">").collect(Collectors.joining(" "));
        } else if (block instanceof Block.Form f) {
            return "{form: " + f.title() + ": " + f.fields().stream().map(Block.Field::label).collect(Collectors.joining(" | "))
                    + "} [" + f.submit().label() + "]";
        } else if (block instanceof Block.Progress p) {
            return "(" + p.label() + " " + p.current() + "/" + p.total() + ")";
        } else if (block instanceof Block.Divider) {
            return "---";
        }
        throw new IllegalArgumentException("unknown block " + block);
    }
}
