package uk.ectmentor.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.testing.ChatChannel;
import uk.ectmentor.core.testing.CoreChannel;
import uk.ectmentor.core.testing.Reply;
import uk.ectmentor.core.testing.TestBot;
import uk.ectmentor.core.testing.Transcript;

/** Every kind of block as an Adaptive Card 1.5, checked against the published schema. */
class AdaptiveCardRendererTest {
    private final AdaptiveCardRenderer renderer = new AdaptiveCardRenderer();

    static Message everyBlock() {
        return Message.builder()
                .heading("Plan · 5 min")
                .note("Module 4, week 6")
                .progress(2, 4, "Section")
                .text("*Sam's open actions:* _two_")
                .bullets(List.of("one", "two"))
                .numbered(List.of("first", "second"))
                .divider()
                .buttons(Button.primary("Next", "prompts.section", "s|2"), Button.of("Back", "prompts.section", "s|0"),
                        new Button("Delete", "x.delete", null, "danger"), Button.command("Help", "help"))
                .block(new Block.Choice("How secure do you feel?", "audit.rate",
                        List.of(new Block.Option("Emerging", "E"), new Block.Option("Developing", "D"), new Block.Option("Secure", "S"))))
                .block(new Block.Form("Action step", List.of(
                        Block.Field.text("what", "What will you do?", true),
                        Block.Field.longText("how", "How will you know it worked?", false),
                        Block.Field.choice("when", "By when", true, List.of(new Block.Option("This week", "1"), new Block.Option("Next week", "2"))),
                        new Block.Field("who", "Who", false, false, List.of(), "Sam")),
                        Button.of("Save action", "actions.save", "pair-1")))
                .divider()
                .build();
    }

    @Test
    void everyBlockRendersToAValidCard() {
        ObjectNode card = renderer.card(everyBlock());
        Schemas.assertValidCard(card);
        assertThat(card.path("msteams").path("width").asText()).isEqualTo("Full");
        String json = card.toString();
        assertThat(json).contains("\"style\":\"heading\"").contains("Section 2/4").contains("**Sam's open actions:** _two_")
                .contains("1. first\\r2. second").contains("\"separator\":true").contains("Input.ChoiceSet").contains("\"isMultiline\":true");
    }

    @Test
    void buttonsAreActionExecuteFallingBackToActionSubmitWithTheSameData() {
        JsonNode actions = renderer.card(Message.builder().buttons(Button.primary("Next", "prompts.section", "s|2")).build())
                .path("body").get(0).path("actions");
        JsonNode execute = actions.get(0);
        assertThat(execute.path("type").asText()).isEqualTo("Action.Execute");
        assertThat(execute.path("verb").asText()).isEqualTo("prompts.section");
        assertThat(execute.path("style").asText()).isEqualTo("positive");
        assertThat(execute.path("fallback").path("type").asText()).isEqualTo("Action.Submit");
        assertThat(execute.path("fallback").path("data")).isEqualTo(execute.path("data"));
        AdaptiveCardRenderer.CardInput read = AdaptiveCardRenderer.read(execute.path("data"));
        assertThat(read.actionId()).isEqualTo("prompts.section");
        assertThat(read.value()).isEqualTo("s|2");
        assertThat(read.form()).isEmpty();
    }

    @Test
    void submittedFieldsComeBackAsTheForm() throws Exception {
        JsonNode data = TeamsChannel.JSON.readTree("{\"ectAction\":\"actions.save\",\"ectValue\":\"p\",\"what\":\"Model it\",\"when\":\"1\",\"msteams\":{\"x\":1}}");
        AdaptiveCardRenderer.CardInput read = AdaptiveCardRenderer.read(data);
        assertThat(read.form()).containsOnlyKeys("what", "when").containsEntry("what", "Model it");
        assertThat(AdaptiveCardRenderer.read(TeamsChannel.JSON.readTree("{\"something\":\"else\"}"))).isNull();
        assertThat(AdaptiveCardRenderer.read(null)).isNull();
    }

    @Test
    void paragraphsAloneAreSentAsMarkdownText() {
        List<Outgoing> all = renderer.render(Message.of(new Block.Text("Saved *once*."), new Block.Text("See _log_.")));
        assertThat(all).hasSize(1);
        Outgoing out = all.get(0);
        assertThat(out.isText()).isTrue();
        assertThat(out.text()).isEqualTo("Saved **once**.\n\nSee _log_.");
        assertThat(AdaptiveCardRenderer.markdown("2 * 3 * 4 and *bold* and **already**")).isEqualTo("2 * 3 * 4 and **bold** and **already**");
    }

    @Test
    void severalMessagesBecomeOneActivityWithACardEach() {
        List<Outgoing> all = renderer.renderAll(List.of(Message.text("a"), everyBlock()));
        assertThat(all).hasSize(1);
        Outgoing out = all.get(0);
        assertThat(out.cards()).hasSize(2);
        out.cards().forEach(Schemas::assertValidCard);
    }

    /** Plays every core transcript straight into the engine and renders every message it produced. */
    @Test
    void everyMessageTheTranscriptsProduceRendersToAValidCard() throws Exception {
        List<Message> produced = new ArrayList<>();
        for (String name : TeamsTranscriptTest.transcripts().map(a -> (String) a.get()[0]).distinct().toList()) {
            try (TestBot bot = new TestBot()) {
                AtomicLong ids = new AtomicLong();
                ChatChannel recording = new ChatChannel() {
                    private List<Reply> handle(Inbound in) {
                        bot.clock.advance(Duration.ofMinutes(1));
                        List<Message> out = bot.engine.handle(in);
                        produced.addAll(out);
                        return CoreChannel.replies(out);
                    }

                    @Override
                    public void advanceClock(Duration by) {
                        bot.clock.advance(by);
                    }

                    @Override
                    public List<Reply> say(String user, String text) {
                        return handle(Inbound.text(UserRef.web(user), text, "r" + ids.incrementAndGet()));
                    }

                    @Override
                    public List<Reply> press(String user, Reply.Clickable c) {
                        return handle(Inbound.action(UserRef.web(user), c.actionId(), c.value(), "r" + ids.incrementAndGet()));
                    }

                    @Override
                    public List<Reply> submit(String user, Reply.Clickable c, Map<String, String> fields) {
                        return handle(Inbound.form(UserRef.web(user), c.actionId(), c.value(), fields, "r" + ids.incrementAndGet()));
                    }
                };
                Transcript transcript = uk.ectmentor.core.testing.Transcripts.load(name);
                bot.reset(transcript.fixture());
                transcript.run(recording);
            }
        }
        assertThat(produced).hasSizeGreaterThan(10);
        for (Message m : produced) {
            Schemas.assertValidCard(renderer.card(m));
            List<Outgoing> all = renderer.render(m);
            assertThat(all).as("every message the transcripts produce fits one activity").hasSize(1);
            all.get(0).cards().forEach(Schemas::assertValidCard);
        }
    }

    @Test
    void theSchemaCheckCatchesABrokenCard() {
        ObjectNode card = renderer.card(Message.text("x"));
        ((ObjectNode) card.path("body").get(0)).put("type", "TextBlok");
        assertThatThrownBy(() -> Schemas.assertValidCard(card)).isInstanceOf(AssertionError.class);
    }
}
