package uk.ectmentor.adapters.slack;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The Slack settings every Spring test in the module uses, so they share one application context. */
final class SlackProps {
    private SlackProps() {
    }

    static void register(DynamicPropertyRegistry registry) {
        FakeSlack fake = FakeSlack.shared();
        registry.add("bot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("bot.slack.signing-secret", () -> SlackTestApp.SECRET);
        registry.add("bot.slack.api-url", fake::apiUrl);
        // tests call recovery themselves, on the test clock
        registry.add("bot.slack.recovery-interval", () -> "PT24H");
        registry.add("server.address", () -> "127.0.0.1");
    }
}
