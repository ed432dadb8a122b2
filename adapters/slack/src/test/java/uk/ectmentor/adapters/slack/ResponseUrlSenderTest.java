package uk.ectmentor.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.SlashCommandResponseSender;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.model.block.LayoutBlock;

import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;

/** Replies through a response_url go out exactly as the SDK's own sender writes them, and report its status. */
class ResponseUrlSenderTest {
    private final FakeSlack fake = new FakeSlack();
    private final Slack slack = Slack.getInstance(new SlackConfig());
    private final ResponseUrlSender sender = new ResponseUrlSender(slack);

    @AfterEach
    void stop() {
        fake.close();
    }

    private static List<LayoutBlock> blocks() {
        SlackRenderer renderer = new SlackRenderer(new SlackForms());
        return renderer.blocks(Message.builder().heading("Week 3: Review (10 min)").text("What went *well*? — “quotes”")
                .bullets(List.of("one", "two")).buttons(Button.command("Next section", "prompts next")).build());
    }

    @Test
    void aSlashCommandReplyHasTheSameBodyAsTheSdksSender() throws Exception {
        SlashCommandResponse reply = SlashCommandResponse.builder().responseType("ephemeral").text("Here is week 3")
                .blocks(blocks()).build();

        assertThat(sender.post(fake.responseUrl(), reply)).isEqualTo(200);
        new SlashCommandResponseSender(slack).send(fake.responseUrl(), reply);

        List<FakeSlack.Call> posts = fake.calls("response_url");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).body()).contains("\"response_type\":\"ephemeral\"", "Next section")
                .isEqualTo(posts.get(1).body());
        assertThat(posts.get(0).headers().get("Content-type")).isEqualTo(posts.get(1).headers().get("Content-type"));
    }

    @Test
    void aButtonReplyKeepsTheOriginalAndTheRefusalStatusComesBack() throws Exception {
        ActionResponse reply = ActionResponse.builder().responseType("ephemeral").replaceOriginal(false).text("Saved")
                .blocks(blocks()).build();
        fake.answerNext("response_url", 404, "{\"ok\":false,\"error\":\"expired_url\"}", java.util.Map.of());

        assertThat(sender.post(fake.responseUrl(), reply)).isEqualTo(404);
        assertThat(sender.post(fake.responseUrl(), reply)).isEqualTo(200);
        slack.getHttpClient().postJsonBody(fake.responseUrl(), reply).close();

        List<FakeSlack.Call> posts = fake.calls("response_url");
        assertThat(posts.get(1).body()).contains("\"replace_original\":false").isEqualTo(posts.get(2).body());
    }
}
