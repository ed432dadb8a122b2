package uk.ectmentor.adapters.slack;

import java.io.IOException;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.util.json.GsonFactory;

/**
 * Posts a reply to a slash command's or a button's {@code response_url}, as Bolt's {@code ctx.respond} does and
 * with the same JSON, but with one Gson for the life of the app: the SDK builds a new Gson for every post, and
 * with it every type adapter of the Block Kit classes, which was a third of the Slack workers' time under load.
 */
final class ResponseUrlSender {
    private final SlackHttpClient http;
    private final Gson json;

    ResponseUrlSender(Slack slack) {
        this.http = slack.getHttpClient();
        this.json = GsonFactory.createSnakeCase(slack.getConfig());
    }

    /** Posts {@code payload} (a {@code SlashCommandResponse} or {@code ActionResponse}); returns the HTTP status. */
    int post(String responseUrl, Object payload) throws IOException {
        try (okhttp3.Response response = http.postJsonBody(responseUrl, json.toJson(payload))) {
            return response.code();
        }
    }
}
