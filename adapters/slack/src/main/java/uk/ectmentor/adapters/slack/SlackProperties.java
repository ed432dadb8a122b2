package uk.ectmentor.adapters.slack;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Slack settings, from the environment (see application.yaml): {@code SLACK_SIGNING_SECRET},
 * {@code SLACK_BOT_TOKEN}, {@code SLACK_APP_TOKEN} (Socket Mode) and {@code SLACK_API_URL} (the Web API base,
 * Slack's own unless a test points it at a fake).
 */
@ConfigurationProperties("bot.slack")
public record SlackProperties(String signingSecret, String botToken, String appToken, String apiUrl) {
    static final String DEFAULT_API_URL = "https://slack.com/api/";

    boolean httpMode() {
        return present(signingSecret);
    }

    boolean socketMode() {
        return present(appToken);
    }

    /** The Web API base URL, ending in a slash. */
    String methodsUrl() {
        String url = present(apiUrl) ? apiUrl.strip() : DEFAULT_API_URL;
        return url.endsWith("/") ? url : url + "/";
    }

    /** Stops start-up with a clear message when Slack is only half configured. */
    void check() {
        if (!present(botToken)) {
            throw new IllegalStateException("Slack is half configured: SLACK_BOT_TOKEN (xoxb-...) is not set. "
                    + "Set it with SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode), or unset every SLACK_ variable.");
        }
        if (!httpMode() && !socketMode()) {
            throw new IllegalStateException("Slack is half configured: set SLACK_SIGNING_SECRET to receive events at "
                    + "POST /slack/events, or SLACK_APP_TOKEN (xapp-...) to use Socket Mode.");
        }
        if (socketMode() && !appToken.strip().startsWith("xapp-")) {
            throw new IllegalStateException("SLACK_APP_TOKEN must be an app-level token (it starts with xapp-).");
        }
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
