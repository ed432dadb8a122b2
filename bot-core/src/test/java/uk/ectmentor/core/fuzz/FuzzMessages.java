package uk.ectmentor.core.fuzz;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;

/**
 * Arbitrary core messages from a fuzzer's bytes: every kind of block, with any text (empty, huge within the
 * input, odd Unicode, markup characters), any number of items, buttons, options and form fields. Shared by
 * the adapters' renderer fuzz tests. Every loop is bounded by the input.
 */
public final class FuzzMessages {
    private static final String[] STYLES = {null, "primary", "danger", "bogus"};

    private FuzzMessages() {
    }

    public static List<Message> messages(FuzzedDataProvider data) {
        List<Message> out = new ArrayList<>();
        int count = data.consumeInt(1, 4);
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            out.add(message(data));
        }
        if (out.isEmpty()) {
            out.add(Message.text(""));
        }
        return out;
    }

    public static Message message(FuzzedDataProvider data) {
        Message.Builder m = Message.builder();
        int blocks = data.consumeInt(1, 24);
        for (int i = 0; i < blocks && data.remainingBytes() > 0; i++) {
            m.block(block(data));
        }
        return m.build();
    }

    static Block block(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 9)) {
            case 0:
                return new Block.Heading(text(data));
            case 1:
                return new Block.Note(text(data));
            case 2:
                return new Block.Items(strings(data, 120), data.consumeBoolean());
            case 3:
                return new Block.Buttons(buttons(data));
            case 4:
                List<Block.Option> options = new ArrayList<>();
                int n = data.consumeInt(0, 150);
                for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
                    options.add(new Block.Option(text(data), text(data)));
                }
                return new Block.Choice(text(data), actionId(data), options);
            case 5:
                List<Block.Field> fields = new ArrayList<>();
                int f = data.consumeInt(0, 40);
                for (int i = 0; i < f && data.remainingBytes() > 0; i++) {
                    List<Block.Option> choices = new ArrayList<>();
                    int c = data.consumeBoolean() ? data.consumeInt(0, 8) : 0;
                    for (int j = 0; j < c && data.remainingBytes() > 0; j++) {
                        choices.add(new Block.Option(text(data), text(data)));
                    }
                    fields.add(new Block.Field(data.consumeAsciiString(40), text(data), data.consumeBoolean(), data.consumeBoolean(), choices,
                            data.consumeBoolean() ? null : text(data)));
                }
                return new Block.Form(text(data), fields, button(data));
            case 6:
                return new Block.Progress(data.consumeInt(), data.consumeInt(), text(data));
            case 7:
                return new Block.Divider();
            default:
                return new Block.Text(text(data));
        }
    }

    static List<Button> buttons(FuzzedDataProvider data) {
        List<Button> out = new ArrayList<>();
        int n = data.consumeInt(0, 90);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            out.add(button(data));
        }
        return out;
    }

    static Button button(FuzzedDataProvider data) {
        return new Button(text(data), actionId(data), data.consumeBoolean() ? null : text(data), data.pickValue(STYLES));
    }

    /** Action ids and field names are the code's own short identifiers, never user text. */
    static String actionId(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(new String[] {"say", "form.open", "audit.rate", "log.save"}) : data.consumeAsciiString(40);
    }

    static List<String> strings(FuzzedDataProvider data, int max) {
        List<String> out = new ArrayList<>();
        int n = data.consumeInt(0, max);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            out.add(text(data));
        }
        return out;
    }

    /** Any text: usually short, sometimes long by repetition, so the renderers' limits are reached. */
    static String text(FuzzedDataProvider data) {
        String s = data.consumeString(data.consumeInt(0, 400));
        int repeat = data.consumeInt(0, 10) == 10 ? data.consumeInt(1, 400) : 1;
        return repeat == 1 ? s : s.repeat(repeat);
    }
}
