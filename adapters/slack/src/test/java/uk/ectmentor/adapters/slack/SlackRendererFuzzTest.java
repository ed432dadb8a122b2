package uk.ectmentor.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.fuzz.FuzzMessages;

/**
 * Coverage-guided fuzzing of the Block Kit renderer: whatever the core says, every message, App Home view
 * and form modal stays within Slack's limits. A normal test run replays the saved inputs under
 * {@code src/test/resources/uk/ectmentor/adapters/slack/SlackRendererFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1 ./mvnw -o -pl adapters/slack -am test -Dtest=SlackRendererFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * fuzzes for the given time.
 */
class SlackRendererFuzzTest {
    private final SlackRenderer renderer = new SlackRenderer(new SlackForms());

    @FuzzTest(maxDuration = "20s")
    void everyRenderingStaysWithinSlackLimits(FuzzedDataProvider data) {
        List<Message> messages = FuzzMessages.messages(data);
        List<SlackRenderer.Rendered> rendered = renderer.messages(messages);
        assertThat(rendered).isNotEmpty();
        for (SlackRenderer.Rendered r : rendered) {
            SlackRendererTest.withinLimits(SlackRendererTest.json(r.blocks()), SlackRenderer.MESSAGE_BLOCKS);
            assertThat(r.text()).hasSizeBetween(1, SlackRenderer.FALLBACK_TEXT);
        }
        for (Message m : messages) {
            JsonNode home = SlackRendererTest.json(renderer.home(m));
            SlackRendererTest.withinLimits(home.path("blocks"), SlackRenderer.VIEW_BLOCKS);
            for (Block b : m.blocks()) {
                if (b instanceof Block.Form) {
                    JsonNode modal = SlackRendererTest.json(renderer.modal((Block.Form) b, "{}"));
                    SlackRendererTest.withinLimits(modal.path("blocks"), SlackRenderer.VIEW_BLOCKS);
                    assertThat(modal.path("title").path("text").asText()).hasSizeBetween(1, SlackRenderer.MODAL_TITLE);
                    assertThat(modal.path("submit").path("text").asText()).hasSizeBetween(1, SlackRenderer.MODAL_BUTTON);
                }
            }
        }
    }
}
