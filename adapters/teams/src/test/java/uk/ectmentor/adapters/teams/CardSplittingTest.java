package uk.ectmentor.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.testing.TestBot;

/**
 * Teams refuses an activity over about 28 KB: a longer reply goes as several, each within the renderer's
 * budget, in order, with nothing lost, no word cut in two, no button set split, and buttons (and a form's
 * inputs with its submit button) on the last card. Every card is checked against the Adaptive Card 1.5 schema.
 */
class CardSplittingTest {
    private static final String[] WORDS = ("pupils explained the method to each other in pairs and then wrote a short answer; "
            + "questioning checked understanding before moving on, while modelling showed each step of the worked example, "
            + "retrieval practice at the start recalled last week's fractions, and the plenary asked what had changed").split(" ");
    private final AdaptiveCardRenderer renderer = new AdaptiveCardRenderer();

    private static String prose(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            sb.append(sb.length() == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** Every TextBlock's words, card after card. */
    private static List<String> textWords(List<ObjectNode> cards) {
        List<String> out = new ArrayList<>();
        for (ObjectNode card : cards) {
            for (JsonNode e : card.path("body")) {
                if (e.path("type").asText().equals("TextBlock")) {
                    out.addAll(words(e.path("text").asText()));
                }
            }
        }
        return out;
    }

    private static List<JsonNode> elementsOfType(ObjectNode card, String prefix) {
        List<JsonNode> out = new ArrayList<>();
        card.path("body").forEach(e -> {
            if (e.path("type").asText().startsWith(prefix)) {
                out.add(e);
            }
        });
        return out;
    }

    @Test
    void aSixtyKilobyteLogExportGoesAsSeveralTextActivitiesInOrderWithNothingLost() {
        try (TestBot bot = new TestBot()) {
            UserRef sam = UserRef.web("sam");
            Random random = new Random(3);
            for (int i = 0; i < 70; i++) {
                bot.clock.advance(Duration.ofMinutes(5));
                bot.engine.handle(Inbound.text(sam, "reflect: " + prose(random, 900), "reflection-" + i));
            }
            List<Message> export = bot.engine.handle(Inbound.text(sam, "export log", "export-1"));
            String whole = String.join("\n\n", export.stream().flatMap(m -> m.blocks().stream())
                    .map(b -> AdaptiveCardRenderer.markdown(((Block.Text) b).text())).toList());
            assertThat(whole.length()).as("a 60 KB export").isGreaterThan(60_000);

            List<Outgoing> activities = renderer.renderAll(export);
            assertThat(activities).hasSizeGreaterThanOrEqualTo(3).allSatisfy(o -> {
                assertThat(o.isText()).isTrue();
                assertThat(AdaptiveCardRenderer.jsonBytes(o.text())).isLessThanOrEqualTo(AdaptiveCardRenderer.BUDGET);
            });
            assertThat(activities.get(0).text()).startsWith("Here is your learning log as Markdown (70 entries)");
            assertThat(words(activities.stream().map(Outgoing::text).collect(Collectors.joining("\n"))))
                    .as("every word, whole and in order").isEqualTo(words(whole));
        }
    }

    @Test
    void aLongCardIsSplitInOrderWithItsButtonsWholeOnTheLastCard() {
        Random random = new Random(5);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            items.add(prose(random, 150));
        }
        Message long_ = Message.builder()
                .heading("Your learning log")
                .text(prose(random, 30_000))
                .bullets(items)
                .note("400 entries")
                .block(new Block.Choice("Which module next?", "plan.module",
                        List.of(new Block.Option("Module 1", "1"), new Block.Option("Module 2", "2"), new Block.Option("Module 3", "3"))))
                .buttons(Button.primary("Export as Markdown", "log.export", null), Button.of("Done", "log.done", "x"))
                .build();
        ObjectNode whole = renderer.card(long_);
        assertThat(AdaptiveCardRenderer.bytes(whole)).isGreaterThan(100_000);

        List<ObjectNode> cards = renderer.cards(long_);
        assertThat(cards).hasSizeGreaterThanOrEqualTo(5);
        cards.forEach(card -> {
            Schemas.assertValidCard(card);
            assertThat(AdaptiveCardRenderer.bytes(card)).isLessThanOrEqualTo(AdaptiveCardRenderer.BUDGET);
        });
        assertThat(textWords(cards)).as("every word, whole and in order").isEqualTo(textWords(List.of(whole)));
        for (ObjectNode card : cards.subList(0, cards.size() - 1)) {
            assertThat(elementsOfType(card, "ActionSet")).as("no buttons before the last card").isEmpty();
        }
        ObjectNode last = cards.get(cards.size() - 1);
        assertThat(elementsOfType(last, "ActionSet")).as("both button sets, whole").isEqualTo(elementsOfType(whole, "ActionSet"));
        assertThat(last.path("body").get(elementsOfType(last, "").indexOf(elementsOfType(last, "ActionSet").get(0)) - 1)
                .path("text").asText()).as("the question stays with its answers").isEqualTo("Which module next?");
        assertThat(cards.get(0).path("fallbackText").asText().length()).isLessThanOrEqualTo(AdaptiveCardRenderer.SPLIT_FALLBACK);
    }

    @Test
    void aFormAfterALongTextKeepsItsInputsAndSubmitTogether() {
        Message m = Message.builder()
                .text(prose(new Random(9), 60_000))
                .block(new Block.Form("Action step", List.of(
                        Block.Field.text("what", "What will you do?", true),
                        Block.Field.longText("how", "How will you know it worked?", false)),
                        Button.of("Save action", "actions.save", "pair-1")))
                .build();
        List<ObjectNode> cards = renderer.cards(m);
        assertThat(cards).hasSizeGreaterThanOrEqualTo(3);
        cards.forEach(Schemas::assertValidCard);
        ObjectNode last = cards.get(cards.size() - 1);
        assertThat(elementsOfType(last, "Input.")).extracting(e -> e.path("id").asText()).containsExactly("what", "how");
        assertThat(elementsOfType(last, "ActionSet")).hasSize(1);
        cards.subList(0, cards.size() - 1).forEach(c -> assertThat(elementsOfType(c, "Input.")).isEmpty());
        assertThat(textWords(cards)).isEqualTo(textWords(List.of(renderer.card(m))));
    }

    @Test
    void onlyAWordLongerThanTheBudgetIsEverCutAndNothingIsLost() {
        String url = "https://example.org/" + "a".repeat(3_000);
        String text = "see " + url + " then carry on\nnext line é ü 😀 " + "word ".repeat(400);
        List<String> pieces = AdaptiveCardRenderer.pieces(text, 1_000);
        assertThat(pieces).allSatisfy(p -> assertThat(AdaptiveCardRenderer.jsonBytes(p)).isLessThanOrEqualTo(1_000));
        assertThat(String.join("", pieces).replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
        assertThat(pieces.get(0)).isEqualTo("see");
        java.util.Set<String> whole = java.util.Set.of("see", "then", "carry", "on", "next", "line", "é", "ü", "😀", "word");
        assertThat(pieces.stream().flatMap(p -> words(p).stream()))
                .as("every word whole, but for pieces of the over-long one").allMatch(w -> whole.contains(w) || url.contains(w));
        assertThat(pieces.stream().filter(p -> url.contains(words(p).get(0)) && !p.equals("see")).count()).isGreaterThan(1);
        assertThat(AdaptiveCardRenderer.jsonBytes("a\"\\\n😀é")).isEqualTo(TeamsChannel.JSON.valueToTree("a\"\\\n😀é").toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length - 2);
    }

    @Test
    void aShortReplyIsOneActivityAsBefore() {
        Message m = AdaptiveCardRendererTest.everyBlock();
        assertThat(renderer.render(m)).hasSize(1);
        assertThat(renderer.cards(m)).containsExactly(renderer.card(m));
        assertThat(renderer.render(Message.text("hello"))).containsExactly(Outgoing.text("hello"));
    }
}
