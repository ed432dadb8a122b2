package uk.ectmentor.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.fuzz.FuzzMessages;

/**
 * Coverage-guided fuzzing of the Adaptive Card renderer: whatever the core says, every card is a valid
 * Adaptive Card 1.5 (the published schema, as the other Teams tests check it), and every button's data
 * reads back as the action it came from. A normal test run replays the saved inputs under
 * {@code src/test/resources/uk/ectmentor/adapters/teams/AdaptiveCardRendererFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1 ./mvnw -o -pl adapters/teams -am test -Dtest=AdaptiveCardRendererFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * fuzzes for the given time.
 */
class AdaptiveCardRendererFuzzTest {
    private final AdaptiveCardRenderer renderer = new AdaptiveCardRenderer();

    @FuzzTest(maxDuration = "20s")
    void everyCardIsValidAndEveryButtonReadsBack(FuzzedDataProvider data) {
        List<Message> messages = FuzzMessages.messages(data);
        List<Outgoing> all = renderer.renderAll(messages);
        assertThat(all).isNotEmpty();
        for (Outgoing out : all) {
            if (out.isText()) {
                assertThat(out.text()).isNotNull();
                assertThat(AdaptiveCardRenderer.jsonBytes(out.text())).isLessThanOrEqualTo(AdaptiveCardRenderer.BUDGET);
                continue;
            }
            if (out.cards().size() > 1) {
                assertThat(out.cards().stream().mapToInt(AdaptiveCardRenderer::bytes).sum())
                        .as("several cards share an activity only while they fit").isLessThanOrEqualTo(AdaptiveCardRenderer.BUDGET);
            }
            for (ObjectNode card : out.cards()) {
                Schemas.assertValidCard(card);
                card.findParents("verb").forEach(AdaptiveCardRendererFuzzTest::readsBack);
            }
        }
    }

    private static void readsBack(JsonNode action) {
        if (!"Action.Execute".equals(action.path("type").asText())) {
            return;
        }
        AdaptiveCardRenderer.CardInput read = AdaptiveCardRenderer.read(action.path("data"));
        assertThat(read).isNotNull();
        assertThat(read.actionId()).isEqualTo(action.path("verb").asText());
    }
}
