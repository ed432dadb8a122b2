package uk.ectmentor.adapters.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.testing.Reply;

/** Reads Block Kit back as a transcript sees it: plain text, one block a line, buttons as [label] and clickables. */
final class BlockKitText {
    private BlockKitText() {
    }

    static Reply reply(JsonNode blocks, SlackForms forms) {
        StringJoiner text = new StringJoiner("\n");
        List<Reply.Clickable> clickables = new ArrayList<>();
        for (JsonNode block : blocks) {
            String type = block.path("type").asText();
            switch (type) {
                case "header" -> text.add("# " + block.path("text").path("text").asText());
                case "section" -> text.add(SlackText.unescape(block.path("text").path("text").asText()));
                case "context" -> {
                    StringJoiner parts = new StringJoiner(" ");
                    block.path("elements").forEach(e -> parts.add(SlackText.unescape(e.path("text").asText())));
                    text.add("(" + parts + ")");
                }
                case "divider" -> text.add("---");
                case "actions" -> {
                    StringJoiner row = new StringJoiner(" ");
                    for (JsonNode e : block.path("elements")) {
                        if (e.path("type").asText().equals("button")) {
                            String label = e.path("text").path("text").asText();
                            String value = e.path("value").asText(null);
                            String actionId = e.path("action_id").asText();
                            if (SlackRenderer.coreActionId(actionId).equals(SlackRenderer.OPEN_FORM)) {
                                label = forms.decode(value).map(Block.Form::submit).map(b -> b.label()).orElse(label);
                            }
                            row.add("[" + label + "]");
                            clickables.add(new Reply.Clickable(label, actionId, value));
                        } else if (e.path("type").asText().equals("static_select")) {
                            for (JsonNode o : e.path("options")) {
                                String label = o.path("text").path("text").asText();
                                row.add("<" + label + ">");
                                clickables.add(new Reply.Clickable(label, e.path("action_id").asText(), o.path("value").asText()));
                            }
                        }
                    }
                    text.add(row.toString());
                }
                default -> text.add("{" + type + "}");
            }
        }
        return new Reply(text.toString(), clickables);
    }
}
