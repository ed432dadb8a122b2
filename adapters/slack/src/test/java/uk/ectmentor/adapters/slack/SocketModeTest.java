package uk.ectmentor.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;

/** Socket Mode asks Slack for a WebSocket URL with the app-level token, through the WebSocket client on the classpath. */
class SocketModeTest {
    private final FakeSlack fake = new FakeSlack();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void startingSocketModeOpensAConnectionWithTheAppToken() throws Exception {
        SlackProperties props = new SlackProperties(null, "xoxb-test", "xapp-test", fake.apiUrl());
        SlackConfiguration config = new SlackConfiguration();
        var slack = config.slack(props);
        App app = new App(AppConfig.builder().slack(slack).singleTeamBotToken("xoxb-test").build());
        for (int i = 0; i < 5; i++) {
            fake.answerNext("apps.connections.open", 200, "{\"ok\":true,\"url\":\"ws://127.0.0.1:1/link\"}", Map.of());
        }
        try (SlackConfiguration.SocketModeRunner runner = config.slackSocketMode(app, props)) {
            assertThat(runner.running()).isTrue();
        }
        SlackConfiguration.SocketModeRunner off = config.slackSocketMode(app, new SlackProperties("secret", "xoxb-test", null, fake.apiUrl()));
        assertThat(off.running()).isFalse();
        assertThat(fake.calls("apps.connections.open")).isNotEmpty();
        assertThat(fake.calls("apps.connections.open").get(0).headers().get("Authorization")).containsExactly("Bearer xapp-test");
    }
}
