package uk.ectmentor.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import uk.ectmentor.core.testing.ChatChannel;
import uk.ectmentor.core.testing.MutableClock;
import uk.ectmentor.core.testing.Reply;

/**
 * Plays transcripts through Slack: typed text becomes a signed {@code message.im} event (or a slash command
 * when it starts with /mentor), a press a signed block action, a form a modal opened and submitted; the
 * replies are what the fake Slack Web API received, read back from Block Kit.
 */
final class SlackChannel implements ChatChannel {
    private final SignedRequests slack;
    private final FakeSlack fake;
    private final SlackWork work;
    private final MutableClock clock;
    private final SlackForms forms = new SlackForms();
    private final Map<String, String> users;

    /** @param users transcript names to Slack user ids */
    SlackChannel(SignedRequests slack, FakeSlack fake, SlackWork work, MutableClock clock, Map<String, String> users) {
        this.slack = slack;
        this.fake = fake;
        this.work = work;
        this.clock = clock;
        this.users = users;
    }

    @Override
    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    private String id(String user) {
        return users.getOrDefault(user, "U_" + user.toUpperCase());
    }

    @Override
    public List<Reply> say(String user, String text) {
        clock.advance(Duration.ofMinutes(1));
        int mark = fake.size();
        HttpResponse<String> r = text.startsWith("/mentor")
                ? slack.command(id(user), text.substring("/mentor".length()).strip(), fake.responseUrl())
                : slack.dm(id(user), text);
        return replies(user, mark, r);
    }

    @Override
    public List<Reply> press(String user, Reply.Clickable c) {
        clock.advance(Duration.ofMinutes(1));
        int mark = fake.size();
        return replies(user, mark, slack.blockAction(id(user), c.actionId(), c.value()));
    }

    @Override
    public List<Reply> submit(String user, Reply.Clickable c, Map<String, String> fields) {
        clock.advance(Duration.ofMinutes(1));
        int mark = fake.size();
        HttpResponse<String> opened = slack.blockAction(id(user), c.actionId(), c.value());
        assertThat(opened.statusCode()).isEqualTo(200);
        JsonNode view = fake.since(mark).stream().filter(call -> call.method().equals("views.open"))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no modal opened")).json("view");
        Map<String, String> values = new LinkedHashMap<>(fields);
        int beforeSubmit = fake.size();
        HttpResponse<String> submitted = slack.viewSubmission(id(user), SignedRequests.id("V"),
                view.path("private_metadata").asText(), values);
        List<Reply> out = new ArrayList<>();
        if (submitted.body() != null && submitted.body().contains("\"errors\"")) {
            out.add(new Reply(submitted.body(), List.of()));
        }
        out.addAll(replies(user, beforeSubmit, submitted));
        return out;
    }

    private List<Reply> replies(String user, int mark, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            assertThat(work.awaitIdle(Duration.ofSeconds(20))).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        List<Reply> out = new ArrayList<>();
        String dm = "D-" + id(user);
        for (FakeSlack.Call call : fake.since(mark)) {
            if (call.method().equals("chat.postMessage") && dm.equals(call.param("channel"))) {
                out.add(BlockKitText.reply(call.json("blocks"), forms));
            } else if (call.method().equals("response_url")) {
                out.add(BlockKitText.reply(call.json(null).path("blocks"), forms));
            }
        }
        return out;
    }
}
