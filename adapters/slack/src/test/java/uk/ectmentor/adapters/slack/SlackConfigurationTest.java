package uk.ectmentor.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import com.slack.api.Slack;

/** Off without Slack variables; on with them, refusing to start on a half configuration or a bad token. */
class SlackConfigurationTest {
    private final FakeSlack fake = new FakeSlack();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theAdapterIsOffWhenNoSlackVariableIsSet() {
        new ApplicationContextRunner().withUserConfiguration(SlackConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SlackConfiguration.class);
            assertThat(context).doesNotHaveBean(SlackSender.class);
        });
        assertThat(SlackEnabled.enabled(new MockEnvironment())).isFalse();
        assertThat(SlackEnabled.enabled(new MockEnvironment().withProperty("bot.slack.bot-token", "  "))).isFalse();
        assertThat(SlackEnabled.enabled(new MockEnvironment().withProperty("bot.slack.bot-token", "xoxb-1"))).isTrue();
        assertThat(SlackEnabled.enabled(new MockEnvironment().withProperty("SLACK_APP_TOKEN", "xapp-1"))).isTrue();
    }

    @Test
    void aHalfConfigurationStopsStartUpWithAClearMessage() {
        assertThatThrownBy(() -> new SlackProperties("secret", null, null, null).check())
                .hasMessageContaining("SLACK_BOT_TOKEN (xoxb-...) is not set");
        assertThatThrownBy(() -> new SlackProperties(null, "xoxb-1", null, null).check())
                .hasMessageContaining("SLACK_SIGNING_SECRET").hasMessageContaining("SLACK_APP_TOKEN");
        assertThatThrownBy(() -> new SlackProperties(null, "xoxb-1", "xoxb-2", null).check())
                .hasMessageContaining("starts with xapp-");
        new SlackProperties("secret", "xoxb-1", null, null).check();
        new SlackProperties(null, "xoxb-1", "xapp-1", null).check();
        assertThat(new SlackProperties("s", "t", null, null).methodsUrl()).isEqualTo("https://slack.com/api/");
        assertThat(new SlackProperties("s", "t", null, "http://127.0.0.1:9/api").methodsUrl()).isEqualTo("http://127.0.0.1:9/api/");
    }

    @Test
    void aBadBotTokenFailsFastAtBootThroughAuthTest() {
        SlackProperties props = new SlackProperties("secret", "xoxb-revoked", null, fake.apiUrl());
        SlackConfiguration config = new SlackConfiguration();
        Slack slack = config.slack(props);
        fake.failNext("auth.test", "invalid_auth");
        assertThatThrownBy(() -> config.slackMethods(slack, props))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Slack refused SLACK_BOT_TOKEN (auth.test: invalid_auth)")
                .hasMessageNotContaining("xoxb-revoked");
        assertThat(fake.calls("auth.test")).hasSize(1);

        assertThat(config.slackMethods(slack, props)).isNotNull();
        assertThat(fake.calls("auth.test").get(1).headers().get("Authorization")).containsExactly("Bearer xoxb-revoked");
    }

    @Test
    void anUnreachableSlackApiFailsFastToo() {
        SlackProperties props = new SlackProperties("secret", "xoxb-1", null, "http://127.0.0.1:1/api/");
        SlackConfiguration config = new SlackConfiguration();
        assertThatThrownBy(() -> config.slackMethods(config.slack(props), props))
                .hasMessageContaining("Could not reach Slack's Web API at http://127.0.0.1:1/api/");
    }
}
