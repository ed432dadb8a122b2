package uk.ectmentor.adapters.teams;

import java.time.Clock;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import uk.ectmentor.core.delivery.ConversationRefStore;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.storage.MongoStorage;

/** The Teams adapter's parts, from Spring's environment ({@link TeamsProperties}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TeamsProperties.class)
public class TeamsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TeamsConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    ConversationRefStore conversationRefStore(MongoStorage storage) {
        return storage.conversationRefs();
    }

    @Bean
    AdaptiveCardRenderer adaptiveCardRenderer() {
        return new AdaptiveCardRenderer();
    }

    @Bean
    TeamsAdapter teamsAdapter(ConversationEngine engine, ConversationRefStore refs, AdaptiveCardRenderer renderer, Clock clock) {
        return new TeamsAdapter(engine, refs, renderer, clock);
    }

    @Bean
    BotFrameworkPort botFrameworkPort(TeamsProperties props, TeamsAdapter adapter, Clock clock) {
        if (props.authenticated()) {
            log.info("teams: app {} ({}), POST /api/messages", props.appId(), props.type());
        } else {
            log.info("teams: MICROSOFT_APP_ID not set: POST /api/messages takes unauthenticated requests from loopback only");
        }
        return new SdkBotFramework(props, adapter, clock);
    }

    /**
     * Proactive sends paced to Teams' limits less a margin: {@code bot.teams.tenant-per-second}
     * ({@code BOT_TEAMS_TENANT_PER_SECOND}, 48 of Teams' 50) and {@code bot.teams.conversation-limits}
     * ({@code BOT_TEAMS_CONVERSATION_LIMITS}, {@value TeamsThrottle.Limits#DEFAULT_CONVERSATION}).
     */
    @Bean
    TeamsSender teamsSender(BotFrameworkPort port, ConversationRefStore refs, AdaptiveCardRenderer renderer, Clock clock,
                            @Value("${bot.teams.tenant-per-second:48}") int tenantPerSecond,
                            @Value("${bot.teams.conversation-limits:" + TeamsThrottle.Limits.DEFAULT_CONVERSATION + "}") String conversationLimits) {
        TeamsThrottle.Limits limits = new TeamsThrottle.Limits(tenantPerSecond, TeamsThrottle.Limits.parseWindows(conversationLimits));
        log.info("teams: proactive sends at most {} a second per tenant, per conversation {}", tenantPerSecond, conversationLimits);
        return new TeamsSender(port, refs, renderer, clock, Sleeper.REAL, RandomGenerator.getDefault(), limits);
    }
}
