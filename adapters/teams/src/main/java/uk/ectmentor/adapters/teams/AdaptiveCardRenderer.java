package uk.ectmentor.adapters.teams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;

/**
 * Renders the core's neutral messages as Adaptive Cards 1.5 (the highest version Teams renders), or as
 * plain markdown text when a message is only paragraphs. Every button is an {@code Action.Execute}
 * (Teams answers with an {@code adaptiveCard/action} invoke, so the card can be replaced in place) whose
 * fallback is an {@code Action.Submit} with the same data (a message activity carrying a value, answered by
 * updating the card's message when Teams names it, else with a new message).
 */
public final class AdaptiveCardRenderer {
    /** Keys of a button's data: the core's action id and value. Every other key is a form field. */
    public static final String ACTION_KEY = "ectAction";
    public static final String VALUE_KEY = "ectValue";
    static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    private static final Pattern BOLD = Pattern.compile("(?<![*\\w])\\*(?![\\s*])([^*\\n]+?)(?<!\\s)\\*(?![*\\w])");
    private final ObjectMapper json = new ObjectMapper();

    /** What to send for one core message: text when it is only paragraphs, otherwise a card. */
    public Outgoing render(Message message) {
        boolean plain = !message.blocks().isEmpty() && message.blocks().stream().allMatch(b -> b instanceof Block.Text);
        if (plain) {
            return Outgoing.text(String.join("\n\n", message.blocks().stream().map(b -> markdown(((Block.Text) b).text())).toList()));
        }
        return Outgoing.cards(List.of(card(message)));
    }

    /** Several messages as one activity (one card each), so a proactive send is all-or-nothing. */
    public Outgoing renderAll(List<Message> messages) {
        if (messages.size() == 1) {
            return render(messages.get(0));
        }
        return Outgoing.cards(messages.stream().map(this::card).toList());
    }

    /** The message as an Adaptive Card. */
    public ObjectNode card(Message message) {
        ObjectNode card = json.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.5");
        ArrayNode body = card.putArray("body");
        boolean separate = false;
        for (Block block : message.blocks()) {
            if (block instanceof Block.Divider) {
                separate = true;
                continue;
            }
            int before = body.size();
            add(body, block);
            if (separate && body.size() > before) {
                ((ObjectNode) body.get(before)).put("separator", true);
                separate = false;
            }
        }
        card.put("fallbackText", message.plainText());
        card.putObject("msteams").put("width", "Full");
        return card;
    }

    private void add(ArrayNode body, Block block) {
        if (block instanceof Block.Heading h) {
            textBlock(body, h.text()).put("weight", "Bolder").put("size", "Medium").put("style", "heading");
        } else if (block instanceof Block.Text t) {
            textBlock(body, t.text());
        } else if (block instanceof Block.Note n) {
            textBlock(body, n.text()).put("isSubtle", true).put("size", "Small");
        } else if (block instanceof Block.Items items) {
            List<String> lines = new ArrayList<>();
            int i = 1;
            for (String item : items.items()) {
                lines.add((items.numbered() ? (i++) + ". " : "- ") + item);
            }
            textBlock(body, String.join("\r", lines));
        } else if (block instanceof Block.Buttons b) {
            ArrayNode actions = actionSet(body);
            b.buttons().forEach(button -> actions.add(action(button.label(), button.actionId(), button.value(), button.style())));
        } else if (block instanceof Block.Choice c) {
            textBlock(body, c.label());
            ArrayNode actions = actionSet(body);
            c.options().forEach(o -> actions.add(action(o.label(), c.actionId(), o.value(), null)));
        } else if (block instanceof Block.Form f) {
            form(body, f);
        } else if (block instanceof Block.Progress p) {
            textBlock(body, p.label() + " " + p.current() + "/" + p.total()).put("isSubtle", true).put("size", "Small");
        } else {
            throw new IllegalArgumentException("no Adaptive Card rendering for " + block);
        }
    }

    private void form(ArrayNode body, Block.Form f) {
        if (f.title() != null && !f.title().isBlank()) {
            textBlock(body, f.title()).put("weight", "Bolder");
        }
        for (Block.Field field : f.fields()) {
            ObjectNode input = body.addObject();
            if (field.options().isEmpty()) {
                input.put("type", "Input.Text");
                input.put("isMultiline", field.multiline());
                if (field.multiline()) {
                    input.put("maxLength", 8000);
                }
            } else {
                input.put("type", "Input.ChoiceSet");
                input.put("style", "expanded");
                ArrayNode choices = input.putArray("choices");
                field.options().forEach(o -> choices.addObject().put("title", o.label()).put("value", o.value()));
            }
            input.put("id", field.name());
            input.put("label", field.label());
            input.put("isRequired", field.required());
            if (field.required()) {
                input.put("errorMessage", "Please fill in " + field.label().toLowerCase(java.util.Locale.UK) + ".");
            }
            if (field.initialValue() != null) {
                input.put("value", field.initialValue());
            }
        }
        Button submit = f.submit();
        actionSet(body).add(action(submit.label(), submit.actionId(), submit.value(), submit.style() == null ? "primary" : submit.style()));
    }

    private ObjectNode textBlock(ArrayNode body, String text) {
        ObjectNode block = body.addObject();
        block.put("type", "TextBlock");
        block.put("text", markdown(text));
        block.put("wrap", true);
        return block;
    }

    private static ArrayNode actionSet(ArrayNode body) {
        ObjectNode set = body.addObject();
        set.put("type", "ActionSet");
        return set.putArray("actions");
    }

    private ObjectNode action(String title, String actionId, String value, String style) {
        ObjectNode data = json.createObjectNode();
        data.put(ACTION_KEY, actionId);
        if (value != null) {
            data.put(VALUE_KEY, value);
        }
        ObjectNode submit = json.createObjectNode();
        submit.put("type", "Action.Submit");
        submit.put("title", title);
        submit.set("data", data.deepCopy());
        ObjectNode execute = json.createObjectNode();
        execute.put("type", "Action.Execute");
        execute.put("title", title);
        execute.put("verb", actionId);
        execute.set("data", data);
        String acStyle = style == null ? null : switch (style) {
            case "primary" -> "positive";
            case "danger" -> "destructive";
            default -> null;
        };
        if (acStyle != null) {
            execute.put("style", acStyle);
            submit.put("style", acStyle);
        }
        execute.set("fallback", submit);
        return execute;
    }

    /** The core's portable emphasis in Teams markdown: {@code *bold*} becomes {@code **bold**}; {@code _italic_} stays. */
    static String markdown(String text) {
        Matcher m = BOLD.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement("**" + r.group(1) + "**"));
    }

    /**
     * Reads a button's data back (from an invoke's action data, or a message's value): the action id,
     * its value, and every other entry as a form field.
     */
    static CardInput read(JsonNode data) {
        if (data == null || !data.isObject() || !data.hasNonNull(ACTION_KEY)) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        data.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (!key.equals(ACTION_KEY) && !key.equals(VALUE_KEY) && !key.equals("msteams") && !e.getValue().isContainerNode()) {
                fields.put(key, e.getValue().asText());
            }
        });
        return new CardInput(data.get(ACTION_KEY).asText(), data.hasNonNull(VALUE_KEY) ? data.get(VALUE_KEY).asText() : null, fields);
    }

    /** A pressed button or submitted form, as the core sees it. */
    record CardInput(String actionId, String value, Map<String, String> form) {
    }
}
