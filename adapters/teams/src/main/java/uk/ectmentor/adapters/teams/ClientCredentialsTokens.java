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
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bot's access token for the Bot Connector, by the OAuth client-credentials grant against the
 * app registration's tenant (single-tenant bots) or botframework.com (multi-tenant), cached until five
 * minutes before it expires. The secret is never logged.
 */
final class ClientCredentialsTokens {
    private static final Duration EARLY = Duration.ofMinutes(5);

    private final HttpClient http;
    private final URI endpoint;
    private final String clientId;
    private final String secret;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private String token;
    private Instant expires = Instant.MIN;

    ClientCredentialsTokens(HttpClient http, URI endpoint, String clientId, String secret, Clock clock) {
        this.http = http;
        this.endpoint = endpoint;
        this.clientId = clientId;
        this.secret = secret == null ? "" : secret;
        this.clock = clock;
    }

    synchronized String token() {
        if (token != null && clock.instant().isBefore(expires)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + "&scope=" + enc(TeamsProperties.CONNECTOR_SCOPE);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint " + endpoint.getHost() + " answered " + response.statusCode()
                        + ": check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID");
            }
            JsonNode body = json.readTree(response.body());
            if (!body.hasNonNull("access_token")) {
                throw new IllegalStateException("token endpoint " + endpoint.getHost() + " sent no access_token");
            }
            token = body.get("access_token").asText();
            expires = clock.instant().plusSeconds(body.path("expires_in").asLong(3600)).minus(EARLY);
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint " + endpoint.getHost() + " unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a token", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
