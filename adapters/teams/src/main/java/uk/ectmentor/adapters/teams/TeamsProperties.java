package uk.ectmentor.adapters.teams;

import java.net.URI;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Teams bot's settings, from the environment (see application.yaml): {@code MICROSOFT_APP_ID},
 * {@code MICROSOFT_APP_PASSWORD}, {@code MICROSOFT_APP_TENANT_ID}, {@code MICROSOFT_APP_TYPE}.
 *
 * @param tokenEndpoint     where client-credential tokens come from; blank for Microsoft Entra ID
 *                          ({@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token})
 * @param openIdMetadataUrl where the Bot Connector's signing keys are published; blank for the SDK's default
 */
@ConfigurationProperties("bot.teams")
public record TeamsProperties(String appId, String appPassword, String tenantId, String appType,
                              String tokenEndpoint, String openIdMetadataUrl) {

    /** The Bot Framework's token audience for calls to the Bot Connector. */
    static final String CONNECTOR_SCOPE = "https://api.botframework.com/.default";

    public boolean authenticated() {
        return appId != null && !appId.isBlank();
    }

    /** SingleTenant (the default when a tenant id is set) or MultiTenant; anything else is refused with a reason. */
    String type() {
        String type = appType == null || appType.isBlank()
                ? (tenantId == null || tenantId.isBlank() ? "MultiTenant" : "SingleTenant") : appType.strip();
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.equals("singletenant")) {
            if (tenantId == null || tenantId.isBlank()) {
                throw new IllegalStateException("MICROSOFT_APP_TYPE is SingleTenant but MICROSOFT_APP_TENANT_ID is not set: "
                        + "set it to the directory (tenant) id of the bot's app registration");
            }
            return "SingleTenant";
        }
        if (lower.equals("multitenant")) {
            return "MultiTenant";
        }
        if (lower.equals("userassignedmsi")) {
            throw new IllegalStateException("MICROSOFT_APP_TYPE=UserAssignedMSI needs managed-identity tokens, which the Bot Framework "
                    + "SDK for Java 4.14.3 does not provide: register the bot as SingleTenant with a client secret");
        }
        throw new IllegalStateException("MICROSOFT_APP_TYPE must be SingleTenant or MultiTenant, not '" + appType + "'");
    }

    /** The tenant whose token endpoint issues the bot's tokens. */
    String tokenTenant() {
        return type().equals("SingleTenant") ? tenantId.strip() : "botframework.com";
    }

    URI tokenUri() {
        if (tokenEndpoint != null && !tokenEndpoint.isBlank()) {
            return URI.create(tokenEndpoint.strip());
        }
        return URI.create("https://login.microsoftonline.com/" + tokenTenant() + "/oauth2/v2.0/token");
    }
}
