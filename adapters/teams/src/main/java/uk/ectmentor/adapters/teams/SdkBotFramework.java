package uk.ectmentor.adapters.teams;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.ChannelProvider;
import com.microsoft.bot.connector.authentication.ChannelValidation;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.CredentialProvider;
import com.microsoft.bot.connector.authentication.JwtTokenValidation;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.authentication.SimpleChannelProvider;
import com.microsoft.bot.connector.authentication.SimpleCredentialProvider;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;

/**
 * The Bot Framework SDK for Java 4.14.3 behind {@link BotFrameworkPort}: JWT validation of inbound
 * activities ({@link JwtTokenValidation}), the {@link BotFrameworkAdapter} and {@link SdkActivityHandler}
 * for turns, and proactive posts to the conversation a stored reference names.
 *
 * <p>Proactive posts go straight to the connector's REST API ({@code POST {serviceUrl}/v3/conversations/{id}/activities})
 * with the bot's token, not through the SDK's connector client: that client retries 5xx three times with no
 * backoff and hides 429's Retry-After, and {@link TeamsSender} needs to see both to throttle and back off.
 */
final class SdkBotFramework implements BotFrameworkPort {
    private static final Logger log = LoggerFactory.getLogger(SdkBotFramework.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WHOLE_SECONDS = Pattern.compile("(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(Z|[+-]\\d\\d:\\d\\d)");

    private final boolean authenticated;
    private final CredentialProvider credentials;
    private final ChannelProvider channel = new SimpleChannelProvider();
    private final AuthenticationConfiguration authConfig = new AuthenticationConfiguration();
    private final BotFrameworkAdapter sdk;
    private final SdkActivityHandler handler;
    private final ClientCredentialsTokens tokens;
    private final HttpClient http;
    private final Clock clock;

    SdkBotFramework(TeamsProperties props, TeamsAdapter adapter, Clock clock) {
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.handler = new SdkActivityHandler(adapter);
        this.authenticated = props.authenticated();
        if (props.openIdMetadataUrl() != null && !props.openIdMetadataUrl().isBlank()) {
            ChannelValidation.setOpenIdMetaDataUrl(props.openIdMetadataUrl().strip());
        }
        if (authenticated) {
            props.type();
            this.tokens = new ClientCredentialsTokens(http, props.tokenUri(), props.appId().strip(), props.appPassword(), clock);
            MicrosoftAppCredentials appCredentials = new SdkTokenCredentials(props.appId().strip(), props.appPassword(),
                    props.tokenTenant(), tokens);
            this.credentials = new SimpleCredentialProvider(props.appId().strip(), props.appPassword());
            this.sdk = new BotFrameworkAdapter(appCredentials, authConfig, channel, null, null);
        } else {
            this.tokens = null;
            this.credentials = new SimpleCredentialProvider();
            this.sdk = new BotFrameworkAdapter(credentials, authConfig, channel, null, null);
        }
        sdk.setOnTurnError((ctx, e) -> {
            log.error("teams turn failed ({} activity)", ctx.getActivity().getType(), e);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public boolean authenticationEnabled() {
        return authenticated;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public Reply process(String body, String authorization) {
        Activity activity;
        try {
            JsonNode tree = Serialization.jsonToTree(body);
            fractionalSeconds(tree, "timestamp");
            fractionalSeconds(tree, "localTimestamp");
            activity = Serialization.safeGetAs(tree, Activity.class);
        } catch (IOException | RuntimeException e) {
            log.info("unreadable teams activity: {}", e.getClass().getSimpleName());
            return new Reply(400, error("The body is not a Bot Framework activity."));
        }
        if (activity == null || activity.getType() == null) {
            return new Reply(400, error("The body is not a Bot Framework activity."));
        }
        ClaimsIdentity identity;
        try {
            identity = JwtTokenValidation.authenticateRequest(activity, authorization == null ? "" : authorization.strip(),
                    credentials, channel, authConfig).join();
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            log.info("rejected a teams request: {}", cause.getClass().getSimpleName());
            return new Reply(401, error("Unauthorized."));
        }
        if (activity.getFrom() == null || blank(activity.getFrom().getId()) || activity.getConversation() == null
                || blank(activity.getConversation().getId()) || blank(activity.getServiceUrl())) {
            log.info("teams activity without a sender, conversation or service URL");
            return new Reply(400, error("The activity has no sender, conversation or service URL."));
        }
        if ("message".equals(activity.getType())) {
            // answered at once, handled after (TeamsInbox): Teams needs no body for a message
            return new Reply(200, "", SdkActivityHandler.message(activity));
        }
        try {
            InvokeResponse response = sdk.processActivity(identity, activity, handler::onTurn).join();
            if (response == null) {
                return new Reply(200, "");
            }
            return new Reply(response.getStatus(), response.getBody() == null ? "" : JSON.writeValueAsString(response.getBody()));
        } catch (IOException | RuntimeException e) {
            log.error("teams activity {} failed", activity.getType(), e);
            return new Reply(500, error("The bot could not handle that activity."));
        }
    }

    /** The SDK only reads timestamps with fractional seconds; add ".0" where a sender left them out. */
    private static void fractionalSeconds(JsonNode tree, String field) {
        if (tree instanceof ObjectNode object && object.path(field).isTextual()) {
            String value = object.get(field).asText();
            Matcher m = WHOLE_SECONDS.matcher(value);
            if (m.matches()) {
                object.put(field, m.group(1) + ".0" + m.group(2));
            }
        }
    }

    @Override
    public PostResult post(String reference, Outgoing message) {
        return send(reference, null, message);
    }

    @Override
    public PostResult update(String reference, String activityId, Outgoing message) {
        if (activityId == null || activityId.isBlank()) {
            return new PostResult(400, null, "no activity to update");
        }
        return send(reference, activityId, message);
    }

    /** POSTs a new activity, or PUTs over {@code replacing} when it is set. */
    private PostResult send(String reference, String replacing, Outgoing message) {
        ConversationReference ref;
        try {
            ref = Serialization.safeGetAs(Serialization.jsonToTree(reference), ConversationReference.class);
        } catch (IOException | RuntimeException e) {
            return new PostResult(400, null, "stored conversation reference unreadable");
        }
        if (ref == null || ref.getServiceUrl() == null || ref.getConversation() == null || ref.getConversation().getId() == null) {
            return new PostResult(400, null, "stored conversation reference incomplete");
        }
        Activity activity = SdkActivityHandler.activity(message);
        activity.applyConversationReference(ref, false);
        activity.setReplyToId(null);
        String base = ref.getServiceUrl().endsWith("/") ? ref.getServiceUrl() : ref.getServiceUrl() + "/";
        String path = base + "v3/conversations/" + encode(ref.getConversation().getId()) + "/activities";
        if (replacing != null) {
            activity.setId(replacing);
            path += "/" + encode(replacing);
        }
        try {
            String json = Serialization.toString(activity);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path)).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .method(replacing == null ? "POST" : "PUT", HttpRequest.BodyPublishers.ofString(json));
            if (tokens != null) {
                request.header("Authorization", "Bearer " + tokens.token());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new PostResult(response.statusCode(), retryAfter(response.headers().firstValue("Retry-After").orElse(null)),
                    "http " + response.statusCode());
        } catch (IOException e) {
            return new PostResult(-1, null, "connector unreachable: " + e.getClass().getSimpleName());
        } catch (IllegalStateException e) {
            return new PostResult(-1, null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PostResult(-1, null, "interrupted");
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String conversationId(String reference) {
        try {
            return JSON.readTree(reference).path("conversation").path("id").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    /** The SDK's credentials, with tokens from {@link ClientCredentialsTokens} (single-tenant aware, testable endpoint). */
    private static final class SdkTokenCredentials extends MicrosoftAppCredentials {
        private final ClientCredentialsTokens tokens;

        SdkTokenCredentials(String appId, String password, String tenant, ClientCredentialsTokens tokens) {
            super(appId, password, tenant);
            this.tokens = tokens;
        }

        @Override
        public CompletableFuture<String> getToken() {
            try {
                return CompletableFuture.completedFuture(tokens.token());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }
}
