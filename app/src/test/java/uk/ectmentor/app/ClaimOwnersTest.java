package uk.ectmentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.storage.EmbeddedMongo;

/**
 * The whole app: a Slack direct message and a Teams message are each kept with a claim under this instance's name
 * in the store (the name its heartbeat renews), so that if it dies the others end those claims two minutes after its
 * heartbeat runs out instead of waiting out each claim.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bot.scheduler.enabled=false",
        "bot.demo=false",
        "bot.slack.bot-token=xoxb-claims-test",
        "bot.slack.signing-secret=claims-test-signing-secret",
        "bot.slack.recovery-interval=PT24H",
        "bot.teams.recovery-interval=PT24H"})
@ActiveProfiles("test")
class ClaimOwnersTest {
    private static final String SECRET = "claims-test-signing-secret";
    static final OutagePlatform PLATFORM = new OutagePlatform(Clock.systemUTC());

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("bot.slack.api-url", PLATFORM::slackApiUrl);
    }

    @AfterAll
    static void stopPlatform() {
        PLATFORM.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    InstanceShare share;
    @Autowired
    EmbeddedMongo embedded;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void slackAndTeamsMessagesAreClaimedUnderThisInstancesName() throws Exception {
        String event = "Ev" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"token\":\"legacy\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\",\"event_id\":\""
                + event + "\",\"event_time\":" + Instant.now().getEpochSecond() + ",\"event\":{\"type\":\"message\","
                + "\"channel_type\":\"im\",\"user\":\"U1\",\"text\":\"help\",\"ts\":\"1700000000.0001\",\"channel\":\"D-U1\"}}";
        String ts = Long.toString(Instant.now().getEpochSecond());
        HttpResponse<String> slack = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", "v0=" + hmac("v0:" + ts + ":" + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slack.statusCode()).isEqualTo(200);

        String activity = "{\"type\":\"message\",\"id\":\"act-1\",\"channelId\":\"msteams\",\"serviceUrl\":\"" + PLATFORM.url()
                + "\",\"text\":\"help\",\"from\":{\"id\":\"29:u1\",\"name\":\"Sam\"},\"recipient\":{\"id\":\"28:bot\"},"
                + "\"conversation\":{\"id\":\"a:conv-u1\",\"conversationType\":\"personal\",\"tenantId\":\"tenant-1\"},"
                + "\"channelData\":{\"tenant\":{\"id\":\"tenant-1\"}}}";
        HttpResponse<String> teams = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(activity)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(teams.statusCode()).isBetween(200, 299);

        try (var client = MongoClients.create(embedded.connectionString())) {
            var deliveries = client.getDatabase("ect_mentor_bot").getCollection("inboundDeliveries");
            Document slackKept = deliveries.find(Filters.eq("_id", "slack:event:" + event)).first();
            Document teamsKept = deliveries.find(Filters.eq("_id", "teams:a:conv-u1:act-1")).first();
            assertThat(slackKept).isNotNull();
            assertThat(teamsKept).isNotNull();
            assertThat(slackKept.getString("owner")).isEqualTo(share.name() + "/slack-inbox");
            assertThat(teamsKept.getString("owner")).isEqualTo(share.name() + "/teams-inbox");
        }
    }

    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
