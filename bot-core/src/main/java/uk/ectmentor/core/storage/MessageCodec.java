package uk.ectmentor.core.storage;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;

/** Messages as BSON, for messages kept to be shown later. */
final class MessageCodec {
    private MessageCodec() {
    }

    static List<Document> encode(List<Message> messages) {
        List<Document> out = new ArrayList<>();
        for (Message m : messages) {
            out.add(new Document("blocks", m.blocks().stream().map(MessageCodec::block).toList()));
        }
        return out;
    }

    static List<Message> decode(List<Document> docs) {
        List<Message> out = new ArrayList<>();
        for (Document d : docs) {
            out.add(new Message(d.getList("blocks", Document.class).stream().map(MessageCodec::block).toList()));
        }
        return out;
    }

    private static Document block(Block b) {
        if (b instanceof Block.Heading h) {
            return new Document("type", "heading").append("text", h.text());
        } else if (b instanceof Block.Text t) {
            return new Document("type", "text").append("text", t.text());
        } else if (b instanceof Block.Note n) {
            return new Document("type", "note").append("text", n.text());
        } else if (b instanceof Block.Items i) {
            return new Document("type", "items").append("items", i.items()).append("numbered", i.numbered());
        } else if (b instanceof Block.Buttons bs) {
            return new Document("type", "buttons").append("buttons", bs.buttons().stream().map(MessageCodec::button).toList());
        } else if (b instanceof Block.Choice c) {
            return new Document("type", "choice").append("label", c.label()).append("actionId", c.actionId())
                    .append("options", c.options().stream().map(MessageCodec::option).toList());
        } else if (b instanceof Block.Form f) {
            return new Document("type", "form").append("title", f.title()).append("submit", button(f.submit()))
                    .append("fields", f.fields().stream().map(x -> new Document("name", x.name()).append("label", x.label())
                            .append("required", x.required()).append("multiline", x.multiline())
                            .append("options", x.options().stream().map(MessageCodec::option).toList())
                            .append("initialValue", x.initialValue())).toList());
        } else if (b instanceof Block.Progress p) {
            return new Document("type", "progress").append("current", p.current()).append("total", p.total()).append("label", p.label());
        }
        return new Document("type", "divider");
    }

    private static Block block(Document d) {
        String type = d.getString("type");
        switch (type) {
            case "heading": return new Block.Heading(d.getString("text"));
            case "text": return new Block.Text(d.getString("text"));
            case "note": return new Block.Note(d.getString("text"));
            case "items": return new Block.Items(d.getList("items", String.class), d.getBoolean("numbered", false));
            case "buttons": return new Block.Buttons(d.getList("buttons", Document.class).stream().map(MessageCodec::button).toList());
            case "choice": return new Block.Choice(d.getString("label"), d.getString("actionId"),
                    d.getList("options", Document.class).stream().map(MessageCodec::option).toList());
            case "form": return new Block.Form(d.getString("title"), d.getList("fields", Document.class).stream()
                    .map(x -> new Block.Field(x.getString("name"), x.getString("label"), x.getBoolean("required", false),
                            x.getBoolean("multiline", false),
                            x.getList("options", Document.class).stream().map(MessageCodec::option).toList(),
                            x.getString("initialValue"))).toList(), button(d.get("submit", Document.class)));
            case "progress": return new Block.Progress(d.getInteger("current", 0), d.getInteger("total", 0), d.getString("label"));
            default: return new Block.Divider();
        }
    }

    private static Document button(Button b) {
        return new Document("label", b.label()).append("actionId", b.actionId()).append("value", b.value()).append("style", b.style());
    }

    private static Button button(Document d) {
        return new Button(d.getString("label"), d.getString("actionId"), d.getString("value"), d.getString("style"));
    }

    private static Document option(Block.Option o) {
        return new Document("label", o.label()).append("value", o.value());
    }

    private static Block.Option option(Document d) {
        return new Block.Option(d.getString("label"), d.getString("value"));
    }
}
