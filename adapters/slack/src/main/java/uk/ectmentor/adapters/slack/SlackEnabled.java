package uk.ectmentor.adapters.slack;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The Slack adapter runs when any Slack variable is set, and stays off otherwise. */
final class SlackEnabled implements Condition {
    static final String[] PROPERTIES = {"bot.slack.bot-token", "bot.slack.signing-secret", "bot.slack.app-token",
            "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"};

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return enabled(context.getEnvironment());
    }

    static boolean enabled(Environment env) {
        for (String name : PROPERTIES) {
            if (SlackProperties.present(env.getProperty(name))) {
                return true;
            }
        }
        return false;
    }
}
