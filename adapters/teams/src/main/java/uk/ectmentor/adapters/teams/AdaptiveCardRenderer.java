package uk.ectmentor.adapters.teams;

import java.nio.charset.StandardCharsets;
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

    /**
     * Teams refuses an activity over about 28 KB: a card's JSON (or a text reply) is kept under this budget,
     * leaving room for the activity around it. A longer message becomes several, in order.
     */
    static final int BUDGET = 24 * 1024;
    /** The longest fallback text a card split from a longer message carries. */
    static final int SPLIT_FALLBACK = 400;

    /**
     * What to send for one core message: text when it is only paragraphs, otherwise a card; a message too long
     * for one activity becomes several, in order (cut between lines, else between words, never inside a word
     * unless a single word is longer than the budget; a button set is never cut, and stays with the text before it).
     */
    public List<Outgoing> render(Message message) {
        boolean plain = !message.blocks().isEmpty() && message.blocks().stream().allMatch(b -> b instanceof Block.Text);
        if (plain) {
            String text = String.join("\n\n", message.blocks().stream().map(b -> markdown(((Block.Text) b).text())).toList());
            return pieces(text, BUDGET).stream().map(Outgoing::text).toList();
        }
        return cards(message).stream().map(c -> Outgoing.cards(List.of(c))).toList();
    }

    /**
     * Several messages as few activities as fit the budget (one card each, shown one under another), so a
     * proactive send of short messages is one activity: all or nothing.
     */
    public List<Outgoing> renderAll(List<Message> messages) {
        if (messages.size() == 1) {
            return render(messages.get(0));
        }
        List<Outgoing> out = new ArrayList<>();
        List<ObjectNode> current = new ArrayList<>();
        int size = 0;
        for (Message m : messages) {
            for (ObjectNode card : cards(m)) {
                int bytes = bytes(card);
                if (!current.isEmpty() && size + bytes > BUDGET) {
                    out.add(Outgoing.cards(current));
                    current = new ArrayList<>();
                    size = 0;
                }
                current.add(card);
                size += bytes;
            }
        }
        if (!current.isEmpty()) {
            out.add(Outgoing.cards(current));
        }
        return out;
    }

    /**
     * The message as Adaptive Cards, each within {@link #BUDGET}: one card when it fits (as {@link #card}),
     * otherwise its elements in order over several cards. A form's inputs, a button set and the element just
     * before them stay together, so buttons keep their question and a form submits all its fields.
     */
    public List<ObjectNode> cards(Message message) {
        ObjectNode whole = card(message);
        if (bytes(whole) <= BUDGET) {
            return List.of(whole);
        }
        int room = BUDGET - bytes(shell("x".repeat(SPLIT_FALLBACK))) - 3 * SPLIT_FALLBACK;
        List<List<JsonNode>> units = units((ArrayNode) whole.get("body"), room);
        List<ObjectNode> cards = new ArrayList<>();
        List<JsonNode> body = new ArrayList<>();
        int size = 0;
        for (List<JsonNode> unit : units) {
            int bytes = unit.stream().mapToInt(e -> bytes(e) + 1).sum();
            if (!body.isEmpty() && size + bytes > room) {
                cards.add(part(body));
                body = new ArrayList<>();
                size = 0;
            }
            body.addAll(unit);
            size += bytes;
        }
        if (!body.isEmpty()) {
            cards.add(part(body));
        }
        return cards;
    }

    /**
     * The card's elements in groups that must share a card: an input or a button set joins the group before
     * it. A text block too long for a card on its own is cut into several (its last piece keeps the group).
     */
    private List<List<JsonNode>> units(ArrayNode body, int room) {
        List<List<JsonNode>> units = new ArrayList<>();
        for (JsonNode element : body) {
            String type = element.path("type").asText();
            boolean interactive = type.equals("ActionSet") || type.startsWith("Input.");
            if (interactive && !units.isEmpty()) {
                units.get(units.size() - 1).add(element);
                continue;
            }
            if (type.equals("TextBlock") && bytes(element) > room / 2) {
                ObjectNode template = element.deepCopy();
                template.put("text", "");
                int textRoom = room / 2 - bytes(template);
                List<String> pieces = pieces(element.path("text").asText(), textRoom);
                for (int i = 0; i < pieces.size(); i++) {
                    ObjectNode piece = template.deepCopy();
                    piece.put("text", pieces.get(i));
                    if (i > 0) {
                        piece.remove("separator");
                    }
                    units.add(new ArrayList<>(List.of(piece)));
                }
                continue;
            }
            units.add(new ArrayList<>(List.of(element)));
        }
        return units;
    }

    /** One card of a split message; its fallback text is the start of what it shows. */
    private ObjectNode part(List<JsonNode> elements) {
        StringBuilder text = new StringBuilder();
        for (JsonNode e : elements) {
            if (e.path("type").asText().equals("TextBlock") && text.length() < SPLIT_FALLBACK) {
                text.append(text.length() == 0 ? "" : "\n").append(e.path("text").asText());
            }
        }
        ObjectNode card = shell(shorten(text.toString().replace('\r', '\n'), SPLIT_FALLBACK));
        ArrayNode body = (ArrayNode) card.get("body");
        elements.forEach(body::add);
        return card;
    }

    private ObjectNode shell(String fallback) {
        ObjectNode card = json.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.5");
        card.putArray("body");
        card.put("fallbackText", fallback);
        card.putObject("msteams").put("width", "Full");
        return card;
    }

    /** At most {@code max} characters, cut after a whole word, with an ellipsis when anything was left out. */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 1;
        while (cut > 0 && !Character.isWhitespace(text.charAt(cut))) {
            cut--;
        }
        if (cut == 0) {
            cut = Character.isLowSurrogate(text.charAt(max - 1)) ? max - 2 : max - 1;
        }
        return text.substring(0, cut).stripTrailing() + "…";
    }

    /**
     * Cuts text into pieces whose JSON string form is at most {@code limit} UTF-8 bytes: between lines where
     * possible, else between words; a single word longer than the limit is the only thing ever cut inside
     * (and never inside a character). Nothing is lost: the pieces joined give the text back, less the
     * line breaks and spaces the cuts fell on.
     */
    static List<String> pieces(String text, int limit) {
        if (jsonBytes(text) <= limit) {
            return List.of(text);
        }
        List<String> tokens = new ArrayList<>();
        for (String line : text.split("(?<=[\r\n])")) {
            if (jsonBytes(line) <= limit) {
                tokens.add(line);
                continue;
            }
            for (String word : line.split("(?<=\\s)")) {
                if (jsonBytes(word) <= limit) {
                    tokens.add(word);
                } else {
                    tokens.addAll(hardCut(word, limit));
                }
            }
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int size = 0;
        for (String token : tokens) {
            int bytes = jsonBytes(token);
            if (current.length() > 0 && size + bytes > limit) {
                addPiece(out, current.toString());
                current.setLength(0);
                size = 0;
            }
            current.append(token);
            size += bytes;
        }
        addPiece(out, current.toString());
        return out;
    }

    private static void addPiece(List<String> out, String piece) {
        String trimmed = piece.stripTrailing();
        if (!trimmed.isBlank()) {
            out.add(trimmed);
        }
    }

    /** A word longer than the limit, cut between characters (code points). */
    private static List<String> hardCut(String word, int limit) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int size = 0;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int bytes = jsonBytes(ch);
            if (current.length() > 0 && size + bytes > limit) {
                out.add(current.toString());
                current.setLength(0);
                size = 0;
            }
            current.append(ch);
            size += bytes;
            i += Character.charCount(cp);
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    /** UTF-8 bytes of {@code s} as the inside of a JSON string. */
    static int jsonBytes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                n += 2;
            } else if (c < 0x20) {
                n += 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static int bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** The message as one Adaptive Card, however long (see {@link #cards} for cards within Teams' size limit). */
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
