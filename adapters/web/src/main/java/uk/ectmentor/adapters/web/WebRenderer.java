package uk.ectmentor.adapters.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;

/** Renders the core's messages as the web chat's JSON: one object a block, tagged with its type. */
final class WebRenderer {
    private WebRenderer() {
    }

    static Map<String, Object> render(List<Message> messages) {
        List<Object> out = new ArrayList<>();
        for (Message message : messages) {
            List<Object> blocks = new ArrayList<>();
            for (Block block : message.blocks()) {
                blocks.add(block(block));
            }
            out.add(Map.of("blocks", blocks, "text", message.plainText()));
        }
        return Map.of("messages", out);
    }

    static Map<String, Object> block(Block block) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (block instanceof Block.Heading h) {
            m.put("type", "heading");
            m.put("text", h.text());
        } else if (block instanceof Block.Text t) {
            m.put("type", "text");
            m.put("text", t.text());
        } else if (block instanceof Block.Note n) {
            m.put("type", "note");
            m.put("text", n.text());
        } else if (block instanceof Block.Items items) {
            m.put("type", "list");
            m.put("numbered", items.numbered());
            m.put("items", items.items());
        } else if (block instanceof Block.Buttons b) {
            m.put("type", "buttons");
            m.put("buttons", b.buttons().stream().map(WebRenderer::button).toList());
        } else if (block instanceof Block.Choice c) {
            m.put("type", "choice");
            m.put("label", c.label());
            m.put("action", c.actionId());
            m.put("options", c.options().stream().map(o -> Map.of("label", o.label(), "value", o.value())).toList());
        } else if (block instanceof Block.Form f) {
            m.put("type", "form");
            m.put("title", f.title());
            m.put("fields", f.fields().stream().map(WebRenderer::field).toList());
            m.put("submit", button(f.submit()));
        } else if (block instanceof Block.Progress p) {
            m.put("type", "progress");
            m.put("current", p.current());
            m.put("total", p.total());
            m.put("label", p.label());
        } else if (block instanceof Block.Divider) {
            m.put("type", "divider");
        }
        return m;
    }

    private static Map<String, Object> button(Button b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", b.label());
        m.put("action", b.actionId());
        m.put("value", b.value());
        m.put("style", b.style());
        return m;
    }

    private static Map<String, Object> field(Block.Field f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("label", f.label());
        m.put("required", f.required());
        m.put("multiline", f.multiline());
        m.put("options", f.options().stream().map(o -> Map.of("label", o.label(), "value", o.value())).toList());
        m.put("initialValue", f.initialValue());
        return m;
    }
}
