package uk.ectmentor.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;

/** Block Kit within Slack's limits, whatever the size of what the core says. */
class SlackRendererTest {
    private final SlackRenderer renderer = new SlackRenderer(new SlackForms());

    static JsonNode json(Object o) {
        try {
            return FakeSlack.JSON.readTree(GsonFactory.createSnakeCase().toJson(o));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts every Slack limit that applies to these blocks. */
    static void withinLimits(JsonNode blocks, int maxBlocks) {
        assertThat(blocks.size()).isBetween(1, maxBlocks);
        Set<String> actionIds = new HashSet<>();
        for (JsonNode b : blocks) {
            switch (b.path("type").asText()) {
                case "header" -> assertThat(b.path("text").path("text").asText()).hasSizeBetween(1, 150);
                case "section" -> assertThat(b.path("text").path("text").asText()).hasSizeBetween(1, 3000);
                case "context" -> {
                    assertThat(b.path("elements").size()).isBetween(1, 10);
                    b.path("elements").forEach(e -> assertThat(e.path("text").asText()).hasSizeBetween(1, 3000));
                }
                case "actions" -> {
                    assertThat(b.path("elements").size()).isBetween(1, 25);
                    for (JsonNode e : b.path("elements")) {
                        assertThat(actionIds.add(e.path("action_id").asText())).as("unique action id").isTrue();
                        assertThat(e.path("action_id").asText()).hasSizeLessThanOrEqualTo(255);
                        if (e.path("type").asText().equals("button")) {
                            assertThat(e.path("text").path("text").asText()).hasSizeBetween(1, 75);
                            assertThat(e.path("value").asText()).hasSizeLessThanOrEqualTo(2000);
                        } else {
                            assertThat(e.path("options").size()).isBetween(1, 100);
                            e.path("options").forEach(o -> {
                                assertThat(o.path("text").path("text").asText()).hasSizeBetween(1, 75);
                                assertThat(o.path("value").asText()).hasSizeLessThanOrEqualTo(150);
                            });
                        }
                    }
                }
                case "input" -> assertThat(b.path("label").path("text").asText()).hasSizeBetween(1, 2000);
                case "divider" -> { }
                default -> throw new AssertionError("unexpected block " + b);
            }
        }
    }

    private List<JsonNode> render(Message m) {
        List<JsonNode> out = new ArrayList<>();
        for (SlackRenderer.Rendered r : renderer.messages(List.of(m))) {
            JsonNode blocks = json(r.blocks());
            withinLimits(blocks, 50);
            assertThat(r.text()).hasSizeBetween(1, 300);
            out.add(blocks);
        }
        return out;
    }

    private static String sectionsText(List<JsonNode> messages) {
        StringBuilder sb = new StringBuilder();
        messages.forEach(blocks -> blocks.forEach(b -> sb.append(SlackText.unescape(b.path("text").path("text").asText(""))).append(' ')));
        return sb.toString().replaceAll("\\s+", " ").strip();
    }

    @Test
    void aHugeTextIsSplitIntoSectionsAndMessagesWithNothingLost() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 200_000; i++) {
            text.append("Line ").append(i).append(": pupils & teachers <compare> answers, then *redraft*. ");
            if (i % 7 == 0) {
                text.append('\n');
            }
        }
        String unbroken = "x".repeat(50_000);
        List<JsonNode> messages = render(Message.of(new Block.Text(text.toString()), new Block.Text(unbroken)));
        assertThat(messages.size()).isGreaterThan(1);
        String kept = sectionsText(messages).replaceAll("\\s+", "");
        assertThat(kept.equals((text + unbroken).replaceAll("\\s+", ""))).as("every character kept, in order").isTrue();
        assertThat(sectionsText(messages)).contains("Line 0: pupils & teachers <compare> answers, then *redraft*. Line 1:");
    }

    @Test
    void headingsLabelsAndNotesAreKeptWithinTheirLimits() {
        String longHeading = "Theory to Practice ".repeat(20);
        Message m = Message.builder()
                .heading(longHeading)
                .heading("Short heading")
                .note("n".repeat(7_000))
                .buttons(Button.command("A very long label ".repeat(10), "help"), Button.primary("Save", "reflect.save", "v".repeat(5_000)))
                .progress(3, 4, "Section")
                .progress(30, 40, "Step")
                .divider()
                .build();
        List<JsonNode> messages = render(m);
        String all = messages.toString();
        assertThat(all).contains("Short heading", "Section 3/4", "Step 30/40");
        assertThat(sectionsText(messages)).contains(longHeading.strip());
    }

    @Test
    void manyButtonsAndOptionsAreSpreadOverSeveralRowsAndMenus() {
        List<Button> buttons = IntStream.range(0, 80).mapToObj(i -> Button.command("Option " + i, "say " + i)).toList();
        List<Block.Option> options = IntStream.range(0, 250)
                .mapToObj(i -> new Block.Option("Choice number " + i + " ".repeat(100) + "end", "value-" + i + "-" + "v".repeat(200))).toList();
        List<JsonNode> messages = render(Message.of(new Block.Buttons(buttons), new Block.Choice("Pick one", "audit.rate", options)));
        long buttonCount = messages.stream().flatMap(b -> iterable(b).stream())
                .filter(b -> b.path("type").asText().equals("actions"))
                .flatMap(b -> iterable(b.path("elements")).stream()).filter(e -> e.path("type").asText().equals("button")).count();
        assertThat(buttonCount).isEqualTo(80);
        long optionCount = messages.stream().flatMap(b -> iterable(b).stream())
                .flatMap(b -> iterable(b.path("elements")).stream())
                .filter(e -> e.path("type").asText().equals("static_select"))
                .mapToLong(e -> e.path("options").size()).sum();
        assertThat(optionCount).isEqualTo(250);
        assertThat(SlackRenderer.coreActionId("audit.rate~81")).isEqualTo("audit.rate");
        assertThat(SlackRenderer.coreActionId("say~0")).isEqualTo("say");
    }

    @Test
    void hugeListsAreSplitWithEveryItemKept() {
        List<String> items = IntStream.range(0, 3_000).mapToObj(i -> "Action step " + i + " with a precise success criterion").toList();
        List<JsonNode> messages = render(Message.of(new Block.Items(items, true)));
        String text = sectionsText(messages);
        assertThat(text).contains("1. Action step 0 ", "3000. Action step 2999 ");
    }

    @Test
    void aHomeViewIsCutAtOneHundredBlocksWithANote() {
        Message.Builder m = Message.builder();
        for (int i = 0; i < 400; i++) {
            m.text("Entry " + i);
        }
        View view = renderer.home(m.build());
        JsonNode json = json(view);
        assertThat(json.path("type").asText()).isEqualTo("home");
        withinLimits(json.path("blocks"), 100);
        assertThat(json.path("blocks").size()).isEqualTo(100);
        assertThat(json.path("blocks").get(99).toString()).contains("more than fits here");
    }

    @Test
    void aFormModalKeepsTitleAndButtonsShortAndShowsTheFullTitleInside() {
        List<Block.Field> fields = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            fields.add(Block.Field.longText("f" + i, "Question " + i + " ".repeat(3000), i % 2 == 0));
        }
        fields.add(Block.Field.choice("rating", "Rating", true,
                List.of(new Block.Option("Emerging", "emerging"), new Block.Option("Developing", "developing"), new Block.Option("Secure", "secure"))));
        String title = "Gibbs reflective cycle: description, feelings, evaluation, analysis, conclusion, action plan";
        Block.Form form = new Block.Form(title, fields, Button.primary("Save this reflection to my learning log", "gibbs.save", "x"));
        JsonNode view = json(renderer.modal(form, "{\"action\":\"gibbs.save\"}"));
        assertThat(view.path("title").path("text").asText()).hasSizeLessThanOrEqualTo(24);
        assertThat(view.path("submit").path("text").asText()).hasSizeLessThanOrEqualTo(24);
        assertThat(view.path("close").path("text").asText()).hasSizeLessThanOrEqualTo(24);
        withinLimits(view.path("blocks"), 100);
        assertThat(view.path("blocks").get(0).toString()).contains("Gibbs reflective cycle: description");
        assertThat(view.path("blocks").get(1).path("optional").asBoolean()).isFalse();
        assertThat(view.path("private_metadata").asText()).contains("gibbs.save");
    }

    @Test
    void aFormInAMessageIsAButtonCarryingTheFormEvenWhenLarge() {
        SlackForms forms = new SlackForms();
        SlackRenderer r = new SlackRenderer(forms);
        Block.Form small = new Block.Form("Precise action", List.of(Block.Field.text("what", "What will you do?", true)),
                Button.primary("Save", "action.save", "m4w6"));
        Block.Form large = new Block.Form("Audit", IntStream.range(0, 60)
                .mapToObj(i -> Block.Field.choice("q" + i, "Statement " + i + " about feedback and marking", true,
                        List.of(new Block.Option("Emerging", "e"), new Block.Option("Developing", "d"), new Block.Option("Secure", "s"))))
                .toList(), Button.primary("Save audit", "audit.save", "m4"));
        for (Block.Form form : List.of(small, large)) {
            JsonNode blocks = json(r.messages(List.of(Message.of(form))).get(0).blocks());
            withinLimits(blocks, 50);
            JsonNode button = blocks.get(blocks.size() - 1).path("elements").get(0);
            assertThat(SlackRenderer.coreActionId(button.path("action_id").asText())).isEqualTo(SlackRenderer.OPEN_FORM);
            assertThat(forms.decode(button.path("value").asText())).contains(form);
        }
    }

    @Test
    void slackMarkupInWhatPeopleTypeBecomesPlainText() {
        assertThat(SlackText.fromSlack("see <https://example.org/a?b=1&amp;c=2|the plan> &amp; ask <@U123> in <#C1|staff>"))
                .isEqualTo("see the plan & ask @U123 in staff");
        assertThat(SlackText.fromSlack("1 &lt; 2 &gt; 0 <mailto:a@b.c>")).isEqualTo("1 < 2 > 0 a@b.c");
        assertThat(SlackText.escape("a & <b>")).isEqualTo("a &amp; &lt;b&gt;");
        assertThat(SlackText.cut("😀😀😀", 4)).isEqualTo("😀…");
    }

    private static List<JsonNode> iterable(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }
}
